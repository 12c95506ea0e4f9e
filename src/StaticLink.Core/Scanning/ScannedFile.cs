using System.Collections.Generic;
using StaticLink.Core.Bundles;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Scanning;

/// <summary>The facts the scanner gathered for one file of the output, before any policy looks at them.</summary>
public sealed class ScannedFile
{
    /// <summary>Path relative to the scanned root, with '/' separators.</summary>
    public required string RelativePath { get; init; }

    public required string FullPath { get; init; }

    public long Size { get; init; }

    /// <summary>Null when the file could not be read; see <see cref="Error"/>.</summary>
    public ElfFile? Elf { get; init; }

    public string? Error { get; init; }

    public long? ErrorOffset { get; init; }

    /// <summary>Other names the file is reachable by inside the output (symbolic links to it).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Where those links are: their paths relative to the scanned root, '/'-separated.</summary>
    public IReadOnlyList<string> AliasPaths { get; internal set; } = [];

    /// <summary>
    /// Soname-like strings of the read-only data (dlopen candidates), minus the file's own NEEDED and SONAME,
    /// in the order found.
    /// </summary>
    public IReadOnlyList<string> RuntimeLoadCandidates { get; init; } = [];

    /// <summary>glibc-only strings found in a fully static file (e.g. /etc/nsswitch.conf); empty otherwise.</summary>
    public IReadOnlyList<string> StaticGlibcMarkers { get; init; } = [];

    /// <summary>A separate debug-symbols file (objcopy --only-keep-debug, NativeAOT's .dbg): nothing of it is loaded.</summary>
    public bool IsDebugSymbols { get; init; }

    /// <summary>Where the read-only data scan stopped short (a bound was hit or a read failed); null when complete.</summary>
    public string? DataScanNote { get; init; }

    /// <summary>
    /// For a file embedded in a single-file bundle: the host's relative path (the file's own path is then
    /// "host!/path/in/bundle", see <see cref="BundleNames.EntryPath"/>). Null for files of the output itself.
    /// </summary>
    public string? Container { get; init; }

    /// <summary>For a single-file bundle host: its manifest. Null for every other file.</summary>
    public BundleManifest? Bundle { get; init; }

    /// <summary>For a host whose bundle marker points at a malformed or truncated bundle: the reason.</summary>
    public string? BundleError { get; init; }

    /// <summary>Where in the host the bundle could not be read.</summary>
    public long? BundleErrorOffset { get; init; }

    /// <summary>What of a bundle was not looked at (e.g. compressed assemblies, not searched for P/Invoke targets); null when everything was.</summary>
    public string? BundleNote { get; init; }

    /// <summary>
    /// The separate debug file of this stripped file (NativeAOT's app.dbg), relative to the scanned root when inside it;
    /// null when there is none. Set by the scanner once every file is read.
    /// </summary>
    public string? DebugCompanion { get; internal set; }

    /// <summary>The size of <see cref="DebugCompanion"/> in bytes; null without one.</summary>
    public long? DebugCompanionSize { get; internal set; }

    /// <summary>The file's own name (last path part).</summary>
    public string FileName => ForwardSlashPath.FileName(RelativePath);
}
