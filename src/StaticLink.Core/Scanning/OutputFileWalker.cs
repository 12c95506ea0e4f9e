using System;
using System.Collections.Generic;
using System.IO;

namespace StaticLink.Core.Scanning;

/// <summary>
/// The one directory walker, for the gate, <c>staticlink check</c> and <c>staticlink inspect</c>. Its rule, decided
/// here once:
/// <list type="bullet">
/// <item>Directory links are never followed: a publish directory has none, a container root's links would lead onto
/// the build machine, and a link to a parent would loop.</item>
/// <item>File links are listed as links, with the final target they lead to (null when they dangle or loop), so that a
/// consumer treats a link as another name of its target, never as a second file.</item>
/// <item>Everything else that is not a directory is listed with its length. FIFOs, sockets and devices report a length
/// of zero and must never be opened (opening a FIFO waits for a writer forever); consumers skip zero-length files.</item>
/// <item>A directory that cannot be listed is one entry with <see cref="Entry.Error"/> set, in its place.</item>
/// </list>
/// The order is stable: a directory's files first, then its subdirectories, each in ordinal name order, so a large tree
/// streams (<see cref="Enumerate"/>); <see cref="Walk"/> sorts by relative path instead.
/// </summary>
public static class OutputFileWalker
{
    /// <summary>One file, a link to one, or a directory that could not be listed.</summary>
    /// <param name="FullPath">The path as found under the root.</param>
    /// <param name="RelativePath">Relative to the root, '/'-separated.</param>
    /// <param name="LinkTarget">For a symbolic link: its final target's full path, or null when it dangles; null for regular files.</param>
    /// <param name="IsLink">True for a symbolic link.</param>
    public sealed record Entry(string FullPath, string RelativePath, string? LinkTarget, bool IsLink)
    {
        /// <summary>The length from the directory listing (of the link itself for a link); -1 when it could not be read.</summary>
        public long Length { get; init; } = -1;

        /// <summary>
        /// The last write time from the same listing (UTC ticks; of the link itself for a link); -1 when it could not
        /// be read. With <see cref="Length"/>, what an incremental check compares (the MSBuild task's stamp).
        /// </summary>
        public long ModifiedUtcTicks { get; init; } = -1;

        /// <summary>Why this directory could not be listed; null for files.</summary>
        public string? Error { get; init; }
    }

    /// <summary>Every entry under <paramref name="root"/>, sorted by relative path (ordinal). Unlisted directories are left out.</summary>
    public static IReadOnlyList<Entry> Walk(string root)
    {
        var entries = new List<Entry>();
        foreach (var entry in Enumerate(root))
        {
            if (entry.Error is null)
            {
                entries.Add(entry);
            }
        }

        entries.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        return entries;
    }

    /// <summary>
    /// The entries under <paramref name="root"/>, lazily, a directory's files first and then its subdirectories, each
    /// in ordinal name order. <see cref="Entry.FullPath"/> is absolute.
    /// </summary>
    public static IEnumerable<Entry> Enumerate(string root)
    {
        if (root is null)
        {
            throw new ArgumentNullException(nameof(root));
        }

        return EnumerateFrom(Path.GetFullPath(root));
    }

    private static IEnumerable<Entry> EnumerateFrom(string rootFull)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(rootFull));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var (children, error) = List(directory);
            if (error is not null)
            {
                yield return new Entry(directory.FullName, RelativePath(rootFull, directory.FullName), null, false) { Error = error };
                continue;
            }

            var subdirectories = new List<DirectoryInfo>();
            foreach (var child in children)
            {
                // A name that is not valid UTF-8 comes back with U+FFFD in it, a path that does not exist: its
                // attributes are all bits (-1), which would read as a link. It is kept as a file, so that the consumer
                // reports it instead of losing it.
                var unreadableName = (int)child.Attributes == -1;
                var isLink = !unreadableName && (child.Attributes & FileAttributes.ReparsePoint) != 0;
                if (child is DirectoryInfo childDirectory && !unreadableName)
                {
                    if (!isLink)
                    {
                        subdirectories.Add(childDirectory);
                    }

                    continue;
                }

                var relative = RelativePath(rootFull, child.FullName);
                var (length, modified) = unreadableName ? (-1L, -1L) : StatusOf(child);
                yield return isLink
                    ? new Entry(child.FullName, relative, ResolveFinalTarget(child), true) { Length = length, ModifiedUtcTicks = modified }
                    : new Entry(child.FullName, relative, null, false) { Length = length, ModifiedUtcTicks = modified };
            }

            // Pushed in reverse, so that they pop in name order after this directory's files.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
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

    private static (List<FileSystemInfo> Children, string? Error) List(DirectoryInfo directory)
    {
        try
        {
            var children = new List<FileSystemInfo>(directory.EnumerateFileSystemInfos());
            children.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
            return (children, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // A directory that vanished or cannot be listed has no files to check; the consumer decides whether to say so.
            return ([], "cannot list directory: " + exception.Message);
        }
    }

    private static (long Length, long ModifiedUtcTicks) StatusOf(FileSystemInfo child)
    {
        try
        {
            // From the listing's own lstat: a link's length is that of the link, a FIFO's, socket's or device's is zero.
            return child is FileInfo file ? (file.Length, file.LastWriteTimeUtc.Ticks) : (-1, -1);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (-1, -1);
        }
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
