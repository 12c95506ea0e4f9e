using System;
using System.Collections.Generic;
using System.IO;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Lists the regular files under a root. Directory links are never followed (a publish directory has none, and a
/// container root's links would lead onto the build machine); file links are reported with where they lead, so
/// the scanner can treat a link inside the output as another name of its target.
/// </summary>
public static class OutputFileWalker
{
    /// <summary>One regular file, or a link to one.</summary>
    /// <param name="FullPath">The path as found under the root.</param>
    /// <param name="RelativePath">Relative to the root, '/'-separated.</param>
    /// <param name="LinkTarget">For a symbolic link: its final target's full path, or null when it dangles; null for regular files.</param>
    /// <param name="IsLink">True for a symbolic link.</param>
    public sealed record Entry(string FullPath, string RelativePath, string? LinkTarget, bool IsLink);

    public static IReadOnlyList<Entry> Walk(string root)
    {
        var rootFull = Path.GetFullPath(root);
        var entries = new List<Entry>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(rootFull));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = directory.EnumerateFileSystemInfos();
                foreach (var child in children)
                {
                    AddChild(child, rootFull, entries, pending);
                }
            }
            catch (IOException)
            {
                // A directory that vanished or cannot be listed has no files to check; the root itself was checked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        entries.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        return entries;
    }

    /// <summary>The path of <paramref name="fullPath"/> relative to <paramref name="rootFull"/>, '/'-separated; the file name when outside.</summary>
    public static string RelativePath(string rootFull, string fullPath)
    {
        var root = rootFull.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (fullPath.Length > root.Length + 1
            && fullPath.StartsWith(root, PathComparison)
            && (fullPath[root.Length] == Path.DirectorySeparatorChar || fullPath[root.Length] == Path.AltDirectorySeparatorChar))
        {
            return fullPath.Substring(root.Length + 1).Replace('\\', '/');
        }

        return Path.GetFileName(fullPath);
    }

    /// <summary>True when <paramref name="fullPath"/> is the root or lies under it.</summary>
    public static bool IsInside(string rootFull, string fullPath)
    {
        var root = rootFull.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (string.Equals(fullPath, root, PathComparison))
        {
            return true;
        }

        return fullPath.Length > root.Length + 1
            && fullPath.StartsWith(root, PathComparison)
            && (fullPath[root.Length] == Path.DirectorySeparatorChar || fullPath[root.Length] == Path.AltDirectorySeparatorChar);
    }

    private static StringComparison PathComparison =>
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static void AddChild(FileSystemInfo child, string rootFull, List<Entry> entries, Stack<DirectoryInfo> pending)
    {
        // A name that is not valid UTF-8 comes back with U+FFFD in it, a path that does not exist: its attributes are
        // all bits (-1), which would read as a link. It is kept as a file, so the scanner reports it instead of losing it.
        var unreadableName = (int)child.Attributes == -1;
        var isLink = !unreadableName && (child.Attributes & FileAttributes.ReparsePoint) != 0;
        if (child is DirectoryInfo childDirectory && !unreadableName)
        {
            if (!isLink)
            {
                pending.Push(childDirectory);
            }

            return;
        }

        var relative = RelativePath(rootFull, child.FullName);
        if (!isLink)
        {
            entries.Add(new Entry(child.FullName, relative, null, false));
            return;
        }

        entries.Add(new Entry(child.FullName, relative, ResolveFinalTarget(child), true));
    }

    private static string? ResolveFinalTarget(FileSystemInfo link)
    {
#if NET8_0_OR_GREATER
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && target.Exists ? Path.GetFullPath(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
#else
        // netstandard2.0 cannot read a link's target; reading through the link is the best it can do.
        return link.Exists ? link.FullName : null;
#endif
    }
}
