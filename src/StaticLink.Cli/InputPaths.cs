using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;

namespace StaticLink.Cli;

/// <summary>
/// Lists the files to inspect, lazily, so that a large tree streams. A named path is taken as it is (a symlink is
/// followed; a missing path becomes the reader's error answer) unless it is a directory, which is walked.
/// Inside a directory only regular files are listed: a directory's files first, then its subdirectories, each in
/// ordinal name order. Symlinks inside a directory are skipped, so a link back up the tree cannot loop and a library
/// reached through its versioned name and its links is reported once.
/// </summary>
internal static class InputPaths
{
    private const long ElfMagicLength = 4;

    private static readonly EnumerationOptions ListOneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The files under a directory named on the command line (the caller found it is a directory).</summary>
    public static IEnumerable<InputFile> Walk(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var (entries, error) = List(directory);
            if (error is not null)
            {
                yield return new InputFile(directory, error);
                continue;
            }

            // Subdirectories are pushed in reverse so that they pop in name order after this directory's files.
            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.IsLink)
                {
                    continue;
                }

                if (entry.IsDirectory)
                {
                    subdirectories.Add(entry.Path);
                }
                else
                {
                    yield return new InputFile(entry.Path, null, entry.Length < ElfMagicLength);
                }
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    /// <summary>One path per line; a trailing CR and blank lines are dropped. The caller owns the reader.</summary>
    public static IEnumerable<string> ReadList(TextReader list)
    {
        while (list.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static (List<Entry> Entries, string? Error) List(string directory)
    {
        try
        {
            var enumerable = new FileSystemEnumerable<Entry>(
                directory,
                (ref FileSystemEntry entry) => new Entry(
                    entry.ToSpecifiedFullPath(),
                    entry.FileName.ToString(),
                    entry.IsDirectory,
                    (entry.Attributes & FileAttributes.ReparsePoint) != 0,
                    entry.IsDirectory ? 0 : entry.Length),
                ListOneLevel);
            var entries = new List<Entry>(enumerable);
            entries.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
            return (entries, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return ([], "cannot list directory: " + exception.Message);
        }
    }

    private readonly record struct Entry(string Path, string Name, bool IsDirectory, bool IsLink, long Length);
}
