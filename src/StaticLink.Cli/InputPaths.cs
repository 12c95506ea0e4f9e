using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;

namespace StaticLink.Cli;

/// <summary>
/// Lists the files to inspect, lazily, so that a large tree streams. A named path is taken as it is (a symlink is
/// followed; a missing path becomes the reader's error answer) unless it is a directory, which is walked by the
/// engine's one walker (<see cref="OutputFileWalker"/>, whose rule is the gate's): a directory's files first, then
/// its subdirectories, each in ordinal name order; directory links are never followed. A file link inside a directory
/// is another name of its target, not a second file, so it is not listed: a library reached through its versioned
/// name and its links is reported once.
/// </summary>
internal static class InputPaths
{
    private const long ElfMagicLength = 4;

    /// <summary>The files under a directory named on the command line (the caller found it is a directory).</summary>
    public static IEnumerable<InputFile> Walk(string root)
    {
        var rootFull = Path.GetFullPath(root);
        foreach (var entry in OutputFileWalker.Enumerate(rootFull))
        {
            // Paths are shown under the root as it was named, not resolved: a walk through a link stays under the link.
            var path = entry.FullPath == rootFull ? root : Path.Combine(root, entry.RelativePath);
            if (entry.Error is not null)
            {
                yield return new InputFile(path, entry.Error);
            }
            else if (!entry.IsLink)
            {
                yield return new InputFile(path, null, entry.Length is >= 0 and < ElfMagicLength);
            }
        }
    }

    /// <summary>
    /// The reader's answer for every named path, in order, read on every core; a named directory is walked in its
    /// place. Opening first and asking "is it a directory?" only when that fails saves a stat call per listed file.
    /// </summary>
    public static IEnumerable<ElfInspection> Inspect(IEnumerable<string> named, ElfReadOptions options)
    {
        foreach (var inspection in OrderedParallel.Map(named, path => ElfReader.Inspect(path, options)))
        {
            if (inspection.Kind != ElfInspectionKind.Error || !Directory.Exists(inspection.Path))
            {
                yield return inspection;
                continue;
            }

            foreach (var file in OrderedParallel.Map(Walk(inspection.Path), file => InspectFile(file, options)))
            {
                yield return file;
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

    private static ElfInspection InspectFile(InputFile file, ElfReadOptions options) => file switch
    {
        { Error: { } reason } => ElfInspection.ForError(file.Path, reason),
        { TooShortForElf: true } => ElfInspection.ForNotElf(file.Path),
        _ => ElfReader.Inspect(file.Path, options),
    };
}
