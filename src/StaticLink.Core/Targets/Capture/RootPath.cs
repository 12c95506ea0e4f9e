#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.IO;

namespace StaticLink.Core.Targets.Capture;

/// <summary>
/// Paths inside a root filesystem, resolved the way a process chrooted into it would: an absolute link target
/// starts again at the root, ".." at the root stays at the root (so nothing leads outside), and after 40 links the
/// lookup gives up, as Linux does with ELOOP (MAXSYMLINKS in fs/namei.c), which also ends every loop.
/// </summary>
internal sealed class RootPath
{
    /// <summary>Linux's limit on symbolic links followed in one lookup.</summary>
    private const int MaximumLinks = 40;

    private readonly string _root;

    public RootPath(string root)
    {
        _root = Path.GetFullPath(root).TrimEnd('/');
    }

    /// <summary>Where a path of the root ("/lib/x") lies on this machine, without following anything.</summary>
    public string ToHost(string pathInRoot) => _root + "/" + pathInRoot.TrimStart('/');

    /// <summary>
    /// Follows every symbolic link in <paramref name="pathInRoot"/> inside the root; the result is the path in the root
    /// of what it names (which may not exist), or null when the links loop or nest deeper than the kernel allows.
    /// </summary>
    public string? Resolve(string pathInRoot)
    {
        var pending = new Stack<string>();
        PushComponents(pending, pathInRoot);
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // At the root, ".." is the root itself: a link cannot climb out of a chroot.
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            var target = LinkTarget(ToHost(Join(resolved)));
            if (target is null)
            {
                continue;
            }

            if (++links > MaximumLinks)
            {
                return null;
            }

            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            PushComponents(pending, target);
        }

        return Join(resolved);
    }

    private static string? LinkTarget(string hostPath)
    {
        try
        {
            return new FileInfo(hostPath).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var index = parts.Length - 1; index >= 0; index--)
        {
            pending.Push(parts[index]);
        }
    }

    private static string Join(List<string> parts) => "/" + string.Join("/", parts);
}
#endif
