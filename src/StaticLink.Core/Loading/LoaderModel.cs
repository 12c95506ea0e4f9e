using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Loading;

/// <summary>
/// Where glibc's ld.so(8) and musl's loader find a file's NEEDED libraries, without running them: DT_RPATH (only
/// when there is no DT_RUNPATH), DT_RUNPATH, then the target's directories, with $ORIGIN expanded to the file's own
/// directory in the output. Nothing is found "beside" the library that needs it unless a run path says so: .NET
/// loads P/Invoke targets by full path, and the loader then searches only run paths and the system.
/// A library that another file loads first is not assumed here (load order is the app's); the rules soften SL1009
/// where a P/Invoke may load it first.
/// </summary>
public sealed class LoaderModel
{
    private static readonly string[] MuslReservedNames = ["c", "pthread", "rt", "m", "dl", "util", "xnet"];

    private readonly TargetDescription _target;
    private readonly Dictionary<string, ScannedFile> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScannedFile> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<ScannedFile, IReadOnlyList<string>> _searchDirectories = [];

    public LoaderModel(IReadOnlyList<ScannedFile> files, TargetDescription target)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        _target = target ?? throw new ArgumentNullException(nameof(target));
        foreach (var file in files)
        {
            if (file.Elf is null || file.IsDebugSymbols)
            {
                continue;
            }

            var directory = DirectoryOf(file.RelativePath);
            Index(_byPath, Join(directory, file.FileName), file);
            Index(_byName, file.FileName, file);
            foreach (var alias in file.Aliases)
            {
                Index(_byName, alias, file);
                if (file.AliasPaths.Count == 0)
                {
                    // Facts without link paths (crafted, or a link beside its target) put the link beside the file.
                    Index(_byPath, Join(directory, alias), file);
                }
            }

            foreach (var aliasPath in file.AliasPaths)
            {
                Index(_byPath, aliasPath.Replace('\\', '/'), file);
            }

            if (file.Elf.Soname is { Length: > 0 } soname)
            {
                Index(_byName, soname, file);
            }
        }
    }

    /// <summary>True for the names musl's loader answers with itself (libc.so, libdl.so.2, libpthread.so.0, libm.so.6, ...).</summary>
    public static bool IsMuslReserved(string name)
    {
        if (name is null || !name.StartsWith("lib", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var reserved in MuslReservedNames)
        {
            var end = 3 + reserved.Length;
            if (name.Length > end && string.CompareOrdinal(name, 3, reserved, 0, reserved.Length) == 0 && name[end] == '.')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the loader finds <paramref name="needed"/> for <paramref name="file"/>.</summary>
    public NeededResolution Resolve(ScannedFile file, string needed)
    {
        if (file?.Elf is null)
        {
            throw new ArgumentException("an ELF file of the output is needed", nameof(file));
        }

        if (needed is null)
        {
            throw new ArgumentNullException(nameof(needed));
        }

        if (needed.IndexOf('/') < 0)
        {
            foreach (var directory in SearchDirectoriesOf(file))
            {
                if (directory.Length > 0 && directory[0] == '/')
                {
                    if (_target.FindLibrary(directory.TrimEnd('/') + "/" + needed) is { } atPath)
                    {
                        return new NeededResolution(needed, NeededResolutionKind.Target, TargetLibrary: atPath);
                    }
                }
                else if (_byPath.TryGetValue(Join(directory, needed), out var bundled))
                {
                    return new NeededResolution(needed, NeededResolutionKind.Output, bundled);
                }
            }
        }

        if (_target.Libc == LibcFlavor.Musl && IsMuslReserved(needed))
        {
            return new NeededResolution(needed, NeededResolutionKind.MuslReserved);
        }

        if (_target.FindLibrary(needed) is { } library)
        {
            return new NeededResolution(needed, NeededResolutionKind.Target, TargetLibrary: library);
        }

        var name = ForwardSlashPath.FileName(needed);
        return _byName.TryGetValue(name, out var unreachable)
            ? new NeededResolution(needed, NeededResolutionKind.Unreachable, unreachable)
            : new NeededResolution(needed, NeededResolutionKind.Missing);
    }

    /// <summary>The file's search directories, worked out once per file rather than once per NEEDED entry.</summary>
    private IReadOnlyList<string> SearchDirectoriesOf(ScannedFile file)
    {
        if (!_searchDirectories.TryGetValue(file, out var directories))
        {
            directories = SearchDirectories(file);
            _searchDirectories[file] = directories;
        }

        return directories;
    }

    /// <summary>
    /// The file's own run-path directories in search order, $ORIGIN expanded: output-relative paths ("" is the output's
    /// root) or absolute paths on the target. Entries relative to the working directory are left out (SL2003 says why).
    /// </summary>
    public static IReadOnlyList<string> SearchDirectories(ScannedFile file)
    {
        if (file?.Elf is null)
        {
            throw new ArgumentException("an ELF file of the output is needed", nameof(file));
        }

        var elf = file.Elf;
        var entries = new List<string>();
        if (elf.Runpath.Count == 0)
        {
            entries.AddRange(elf.Rpath);
        }

        entries.AddRange(elf.Runpath);
        var origin = DirectoryOf(file.RelativePath);
        var directories = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.StartsWith("$ORIGIN", StringComparison.Ordinal) || entry.StartsWith("${ORIGIN}", StringComparison.Ordinal))
            {
                var rest = entry.Substring(entry[1] == '{' ? "${ORIGIN}".Length : "$ORIGIN".Length);
                if (Normalize(origin + rest) is { } relative)
                {
                    directories.Add(relative);
                }
            }
            else if (entry.Length > 0 && entry[0] == '/')
            {
                directories.Add(entry);
            }
        }

        return directories;
    }

    private static void Index(Dictionary<string, ScannedFile> index, string key, ScannedFile file)
    {
        if (!index.TryGetValue(key, out _))
        {
            index[key] = file;
        }
    }

    private static string DirectoryOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? string.Empty : relativePath.Substring(0, slash);
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>Folds "." and ".." of an output-relative path; null when it climbs out of the output.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join("/", parts);
    }
}
