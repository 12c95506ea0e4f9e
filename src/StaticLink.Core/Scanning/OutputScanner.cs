using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;
using StaticLink.Core.Managed;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Turns an output directory (or an explicit list of its files) into facts per native file: ELF recognised by its
/// magic, never by its name; read once; unreadable files become error entries, never exceptions. The native files
/// embedded in single-file bundles become files too ("host!/path"), and the .NET assemblies of the output (and of
/// its bundles) are read for their P/Invoke targets.
/// </summary>
public sealed class OutputScanner
{
    // The path, and who reads the file when it is not ELF (an assembly's reader), or null.
    private readonly Func<string, Action<Stream>?, ElfInspection> _inspect;
    private readonly BundleScanner _bundles;

    public OutputScanner()
        : this(ElfReadOptions.Default)
    {
    }

    /// <summary>
    /// <see cref="ElfReadOptions.Summary"/> skips naming the symbols behind version needs, the costliest part of
    /// reading a large library; only version limits (SL1004) need them.
    /// </summary>
    public OutputScanner(ElfReadOptions readOptions)
        : this((path, readNotElf) => ElfReader.Inspect(path, readOptions, readNotElf), readOptions)
    {
    }

    /// <summary>Lets tests put crafted facts behind real paths.</summary>
    internal OutputScanner(Func<string, ElfInspection> inspect)
        : this((path, _) => inspect(path), ElfReadOptions.Default)
    {
    }

    private OutputScanner(Func<string, Action<Stream>?, ElfInspection> inspect, ElfReadOptions readOptions)
    {
        _inspect = inspect;
        _bundles = new BundleScanner(readOptions ?? throw new ArgumentNullException(nameof(readOptions)));
    }

    /// <summary>Scans every file under <paramref name="root"/>, or the one file <paramref name="root"/> names.</summary>
    public OutputScan Scan(string root) => Scan(root, null);

    /// <summary>
    /// The same, with the directory's files as <see cref="OutputFileWalker.Walk"/> listed them already
    /// (<paramref name="listing"/>), or listed here when it is null.
    /// </summary>
    public OutputScan Scan(string root, IReadOnlyList<OutputFileWalker.Entry>? listing)
    {
        string rootFull;
        try
        {
            rootFull = Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? "." : root);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return new OutputScan(root ?? string.Empty, [], 0, "the path is not valid: " + exception.Message);
        }

        var entries = new List<OutputFileWalker.Entry>();
        var missing = new List<ScannedFile>();
        if (File.Exists(rootFull))
        {
            entries.Add(new OutputFileWalker.Entry(rootFull, Path.GetFileName(rootFull), null, false));
            rootFull = Path.GetDirectoryName(rootFull) ?? rootFull;
        }
        else if (Directory.Exists(rootFull))
        {
            entries.AddRange(listing ?? OutputFileWalker.Walk(rootFull));
        }
        else
        {
            return new OutputScan(rootFull, [], 0, "it does not exist");
        }

        return ScanEntries(rootFull, entries, missing);
    }

    private OutputScan ScanEntries(string rootFull, List<OutputFileWalker.Entry> entries, List<ScannedFile> missing)
    {
        // A link inside the output is another name of its target, not a second file: the loader finds the target
        // through it, so its name counts when NEEDED entries are resolved.
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var aliasPaths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var regular = new List<OutputFileWalker.Entry>();
        foreach (var entry in entries)
        {
            if (!entry.IsLink || entry.LinkTarget == entry.FullPath)
            {
                regular.Add(entry);
                continue;
            }

            if (entry.LinkTarget is null || !OutputFileWalker.IsInside(rootFull, entry.LinkTarget))
            {
                // Dangling, or leading out of the output: not part of what ships.
                continue;
            }

            if (!aliases.TryGetValue(entry.LinkTarget, out var names))
            {
                names = [];
                aliases.Add(entry.LinkTarget, names);
            }

            names.Add(Path.GetFileName(entry.FullPath));
            if (!aliasPaths.TryGetValue(entry.LinkTarget, out var paths))
            {
                paths = [];
                aliasPaths.Add(entry.LinkTarget, paths);
            }

            paths.Add(entry.RelativePath);
        }

        // Files are read on every core; each one's facts depend on that file alone, and the results come back in
        // the entries' order, so the scan is the same on every run.
        var scans = OrderedParallel.Map(regular, entry =>
        {
            aliases.TryGetValue(entry.FullPath, out var names);
            aliasPaths.TryGetValue(entry.FullPath, out var paths);
            return ScanEntry(entry, names ?? [], paths ?? []);
        });

        var results = new List<ScannedFile>(missing);
        var assemblies = new List<ScannedAssembly>();
        var embeddedCount = 0;
        foreach (var scan in scans)
        {
            if (scan.File is not null)
            {
                results.Add(scan.File);
            }

            if (scan.Assembly is not null)
            {
                assemblies.Add(scan.Assembly);
            }

            if (scan.Bundle is { } bundle)
            {
                results.AddRange(bundle.Files);
                assemblies.AddRange(bundle.Assemblies);
                embeddedCount += bundle.Manifest?.Entries.Count ?? 0;
            }
        }

        results.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        DebugCompanions.Attach(rootFull, results, path => _inspect(path, null));
        assemblies.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        return new OutputScan(rootFull, results, regular.Count + missing.Count + embeddedCount, null) { Assemblies = assemblies };
    }

    /// <summary>One entry's facts: a native file, or an assembly, and the files of its bundle when it is a bundle host.</summary>
    private EntryScan ScanEntry(OutputFileWalker.Entry entry, IReadOnlyList<string> names, List<string> paths)
    {
        // An assembly is read through the handle the ELF reader opened, when it hands one over (not ELF, not empty).
        ScannedAssembly? assembly = null;
        var assemblyRead = false;
        var readAssembly = IsAssemblyFileName(entry.RelativePath)
            ? stream =>
            {
                assembly = AssemblyFacts(entry, () => AssemblyMetadataReader.ReadPInvokeModules(stream));
                assemblyRead = true;
            }
            : (Action<Stream>?)null;
        var scanned = ScanFile(entry, names, readAssembly, out var bundle);
        if (scanned is not null)
        {
            // The loader finds a link where the link is, which may be another directory than its target.
            scanned.AliasPaths = paths;
            return new EntryScan(scanned, null, bundle);
        }

        return new EntryScan(null, assemblyRead ? assembly : readAssembly is null ? null : ScanAssembly(entry), bundle);
    }

    // A class, not a struct: OrderedParallel over a class runs the shared code precompiled in this assembly's
    // ReadyToRun image; over a struct the JIT compiled 14 of its methods in every MSBuild process that ran the check.
    private sealed record EntryScan(ScannedFile? File, ScannedAssembly? Assembly, BundleScan? Bundle);

    /// <summary>The runtime loads assemblies by these names only; anything else is not worth opening a second time.</summary>
    internal static bool IsAssemblyFileName(string name) =>
        name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static ScannedAssembly? ScanAssembly(OutputFileWalker.Entry entry) => AssemblyFacts(entry, () =>
    {
        // The walker's listing already holds the length; explicit files and links are asked.
        if ((entry.Length >= 0 && !entry.IsLink ? entry.Length : new FileInfo(entry.FullPath).Length) == 0)
        {
            // Empty, or not a regular file (a FIFO reports 0 bytes and would block the open): never opened.
            return null;
        }

        return AssemblyMetadataReader.ReadPInvokeModules(entry.FullPath);
    });

    /// <summary>The assembly's P/Invoke modules as <paramref name="read"/> finds them; null when it is not an assembly, or vanished.</summary>
    private static ScannedAssembly? AssemblyFacts(OutputFileWalker.Entry entry, Func<IReadOnlyList<PInvokeModule>?> read)
    {
        try
        {
            var modules = read();
            return modules is null ? null : new ScannedAssembly { RelativePath = entry.RelativePath, FullPath = entry.FullPath, PInvokeModules = modules };
        }
        catch (AssemblyFormatException exception)
        {
            return new ScannedAssembly { RelativePath = entry.RelativePath, FullPath = entry.FullPath, Error = exception.Reason, ErrorOffset = exception.Offset };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // It was readable a moment ago (it is not ELF); a file that vanished since has nothing to say.
            return null;
        }
    }

    private ScannedFile? ScanFile(OutputFileWalker.Entry entry, IReadOnlyList<string> aliases, Action<Stream>? readNotElf, out BundleScan? bundle)
    {
        bundle = null;
        long size = 0;
        try
        {
            // The walker's listing already holds the length; explicit files and links are asked.
            size = entry.Length >= 0 && !entry.IsLink ? entry.Length : new FileInfo(entry.FullPath).Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Error(entry, size, TextSearch.HasCharacter(entry.FullPath, '\uFFFD')
                ? "its name is not valid UTF-8 (shown with U+FFFD), so .NET cannot open it and it cannot be checked; rename it"
                : "the file could not be opened: " + exception.Message, null);
        }

        if (size == 0)
        {
            // Never opened: a FIFO, socket or character device reports a size of zero, and opening a FIFO to read
            // blocks until someone writes to it, which would hang the build.
            return SonameText.HasLibrarySuffix(Path.GetFileName(entry.FullPath))
                ? Error(entry, size, "named like a shared library but 0 bytes long: empty, or not a regular file (a FIFO, socket or device), so no ELF header", null)
                : null;
        }

        ElfInspection inspection;
        try
        {
            inspection = _inspect(entry.FullPath, readNotElf);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ElfFormatException)
        {
            // Inspect promises not to throw; a broken promise must still not take the build down.
            return Error(entry, size, exception.Message, (exception as ElfFormatException)?.Offset);
        }

        if (inspection.Kind == ElfInspectionKind.Error)
        {
            // A file still being copied in, or removed meanwhile, is not what ships: wait for it, then read it again.
            var outcome = SettlingFile.Wait(entry.FullPath, size);
            if (outcome == SettlingOutcome.Settled)
            {
                inspection = _inspect(entry.FullPath, readNotElf);
                size = SettlingFile.LengthOr(entry.FullPath, size);
            }
            else if (outcome != SettlingOutcome.Unchanged)
            {
                return Error(entry, size, SettlingFile.Describe(outcome, inspection.Error ?? "the file could not be read"), outcome == SettlingOutcome.Removed ? null : inspection.ErrorOffset);
            }
        }

        switch (inspection.Kind)
        {
            case ElfInspectionKind.Error:
                return Error(entry, size, inspection.Error ?? "the file could not be read", inspection.ErrorOffset);
            case ElfInspectionKind.NotElf:
                return NamedLikeLibraryButNotElf(entry, size);
        }

        var elf = inspection.File!;
        if (ScannedElf.CanLoad(elf) && BundleScanner.MayBeHost(elf))
        {
            bundle = _bundles.Scan(entry.FullPath, entry.RelativePath, elf);
        }

        return ScannedElf.Create(
            elf,
            entry.RelativePath,
            entry.FullPath,
            size,
            Path.GetFileName(entry.FullPath),
            aliases,
            collectGlibcMarkers => ReadOnlyDataScanner.Scan(entry.FullPath, elf, collectGlibcMarkers),
            container: null,
            bundle);
    }

    /// <summary>
    /// objcopy --only-keep-debug (and NativeAOT's .dbg files) keep the headers but turn the loaded sections into
    /// NOBITS: the program is elsewhere, so nothing of this file is ever loaded. The reader decides it.
    /// </summary>
    internal static bool IsDebugSymbolsFile(ElfFile elf) => elf.IsDebugCompanion;

    internal static List<string> WithoutOwnNames(IReadOnlyList<string> strings, ElfFile elf, string fileName, IReadOnlyList<string> aliases)
    {
        var own = new HashSet<string>(elf.Needed, StringComparer.Ordinal) { fileName };
        if (elf.Soname is not null)
        {
            own.Add(elf.Soname);
        }

        foreach (var alias in aliases)
        {
            own.Add(alias);
        }

        var result = new List<string>();
        foreach (var text in strings)
        {
            if (!own.Contains(text))
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static ScannedFile Error(OutputFileWalker.Entry entry, long size, string reason, long? offset) => new()
    {
        RelativePath = entry.RelativePath,
        FullPath = entry.FullPath,
        Size = size,
        Error = reason,
        ErrorOffset = offset,
    };

    /// <summary>
    /// A file named like a shared library that is not ELF makes the loader fail just like a truncated one; GNU ld
    /// scripts (text files named libc.so on build machines) are the one legitimate exception.
    /// </summary>
    private static ScannedFile? NamedLikeLibraryButNotElf(OutputFileWalker.Entry entry, long size)
    {
        var name = Path.GetFileName(entry.FullPath);
        if (!SonameText.HasLibrarySuffix(name))
        {
            return null;
        }

        var head = ReadHead(entry.FullPath, 256);
        if (head is null || IsLinkerScript(head))
        {
            return null;
        }

        var reason = size < 4
            ? string.Format(CultureInfo.InvariantCulture, "named like a shared library but only {0} bytes long, too short for an ELF header", size)
            : "named like a shared library but it is not an ELF file (no ELF magic)";
        return Error(entry, size, reason, 0);
    }

    private static string? ReadHead(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[count];
            var total = 0;
            while (total < count)
            {
                var read = stream.Read(buffer, total, count - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            return Encoding.ASCII.GetString(buffer, 0, total);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsLinkerScript(string head)
    {
        var text = head.TrimStart();
        return text.StartsWith("/*", StringComparison.Ordinal)
            || text.StartsWith("INPUT", StringComparison.Ordinal)
            || text.StartsWith("GROUP", StringComparison.Ordinal)
            || text.StartsWith("OUTPUT_FORMAT", StringComparison.Ordinal);
    }
}
