using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Finds the separate debug file of a stripped executable or library: NativeAOT's `app.dbg` (StripSymbols), or the
/// `objcopy --only-keep-debug` convention `app.debug`. Together they are what the file was before stripping, so the
/// report can say what stripping saved. The name comes from the file's `.gnu_debuglink` section when it has one
/// (looked for beside the file and in its `.debug/` folder, as gdb does), else from those two conventions.
/// A candidate counts only when it is an ELF debug-symbols file and, when both carry one, has the same build ID.
/// </summary>
public static class DebugCompanions
{
    /// <summary>The suffixes tried when the file has no .gnu_debuglink: NativeAOT's, then objcopy users' habit.</summary>
    public static IReadOnlyList<string> ConventionalSuffixes { get; } = [".dbg", ".debug"];


    // A debug link holds a file name, 4-byte padding and a CRC; anything longer is not a debug link.
    private const int MaximumDebugLinkBytes = 4096;

    /// <summary>
    /// Sets <see cref="ScannedFile.DebugCompanion"/> on each stripped, loadable file whose debug file is among
    /// <paramref name="files"/> or, failing that, beside it on disk.
    /// </summary>
    internal static void Attach(string rootFull, IReadOnlyList<ScannedFile> files, Func<string, ElfInspection> inspect)
    {
        var byFullPath = new Dictionary<string, ScannedFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            byFullPath[file.FullPath] = file;
        }

        foreach (var file in files)
        {
            var elf = file.Elf;
            if (elf is null || file.IsDebugSymbols || !elf.Stripped || (elf.Type != ElfFileType.Executable && elf.Type != ElfFileType.SharedObject))
            {
                continue;
            }

            foreach (var candidate in CandidatePaths(file.FullPath, elf))
            {
                if (Matches(candidate, elf, byFullPath, inspect, out var size))
                {
                    file.DebugCompanion = OutputFileWalker.IsInside(rootFull, candidate)
                        ? OutputFileWalker.RelativePath(rootFull, candidate)
                        : candidate;
                    file.DebugCompanionSize = size;
                    break;
                }
            }
        }
    }

    /// <summary>The file name stored in the .gnu_debuglink section, or null when there is none or it is not a plain file name.</summary>
    public static string? ReadDebugLink(string path, ElfFile elf)
    {
        if (elf is null)
        {
            throw new ArgumentNullException(nameof(elf));
        }

        var section = elf.FindSection(".gnu_debuglink");
        if (section is null || section.Type == ElfConstants.SHT_NOBITS || section.Size == 0)
        {
            return null;
        }

        var length = (int)Math.Min(section.Size, MaximumDebugLinkBytes);
        if (section.Offset > (ulong)elf.Length || (ulong)length > (ulong)elf.Length - section.Offset)
        {
            return null;
        }

        var bytes = new byte[length];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            stream.Seek((long)section.Offset, SeekOrigin.Begin);
            var filled = 0;
            while (filled < length)
            {
                var read = stream.Read(bytes, filled, length - filled);
                if (read <= 0)
                {
                    return null;
                }

                filled += read;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var end = Array.IndexOf(bytes, (byte)0, 0, bytes.Length);
        if (end <= 0)
        {
            return null;
        }

        var name = Encoding.UTF8.GetString(bytes, 0, end);
        return IsPlainFileName(name) ? name : null;
    }

    private static IEnumerable<string> CandidatePaths(string fullPath, ElfFile elf)
    {
        var directory = Path.GetDirectoryName(fullPath) ?? string.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var link = ReadDebugLink(fullPath, elf);
        if (link is not null)
        {
            foreach (var path in new[] { Path.Combine(directory, link), Path.Combine(directory, ".debug", link) })
            {
                if (seen.Add(path))
                {
                    yield return path;
                }
            }
        }

        foreach (var suffix in ConventionalSuffixes)
        {
            var path = fullPath + suffix;
            if (seen.Add(path))
            {
                yield return path;
            }
        }
    }

    private static bool Matches(string candidate, ElfFile elf, Dictionary<string, ScannedFile> scanned, Func<string, ElfInspection> inspect, out long size)
    {
        size = 0;
        ElfFile? debug;
        if (scanned.TryGetValue(candidate, out var known))
        {
            if (!known.IsDebugSymbols || known.Elf is null)
            {
                return false;
            }

            debug = known.Elf;
            size = known.Size;
        }
        else
        {
            // Outside what was scanned (a single file was checked, or the debug file sits in .debug/).
            if (!File.Exists(candidate))
            {
                return false;
            }

            var inspection = inspect(candidate);
            if (inspection.Kind != ElfInspectionKind.Elf || inspection.File is null || !OutputScanner.IsDebugSymbolsFile(inspection.File))
            {
                return false;
            }

            debug = inspection.File;
            size = debug.Length;
        }

        return elf.BuildId is null || debug.BuildId is null || string.Equals(elf.BuildId, debug.BuildId, StringComparison.Ordinal);
    }

    private static bool IsPlainFileName(string name)
    {
        if (name == "." || name == "..")
        {
            return false;
        }

        foreach (var character in name)
        {
            if (character == '/' || character == '\\' || char.IsControl(character))
            {
                return false;
            }
        }

        return true;
    }
}
