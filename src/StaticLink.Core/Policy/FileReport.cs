using System.Collections.Generic;
using StaticLink.Core.Bundles;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>What the check saw of one native file of the output: its facts and its verdict.</summary>
public sealed class FileReport
{
    /// <summary>Path relative to the checked root, with '/' separators.</summary>
    public required string Path { get; init; }

    public long Size { get; init; }

    /// <summary>The ELF facts; null when the file could not be read (see <see cref="Error"/>).</summary>
    public ElfFile? Elf { get; init; }

    public string? Error { get; init; }

    /// <summary>NEEDED entries satisfied by another file of the same output.</summary>
    public IReadOnlyList<string> Bundled { get; init; } = [];

    /// <summary>NEEDED entries that must come from the target system.</summary>
    public IReadOnlyList<string> External { get; init; } = [];

    /// <summary>Each NEEDED entry as the loader model resolved it (output, target, musl, unreachable, missing), in NEEDED order.</summary>
    public IReadOnlyList<NeededResolution> Needs { get; init; } = [];

    /// <summary>The highest GLIBC_ version this file needs, e.g. "2.34"; null when it needs none.</summary>
    public string? MinimumGlibc { get; init; }

    /// <summary>Ignored by a user rule (the reason is kept for the report).</summary>
    public string? IgnoredReason { get; init; }

    /// <summary>Where the file came from: "SQLitePCLRaw.lib.e_sqlite3 3.53.3", "the .NET runtime (...)", or "the app".</summary>
    public string Package { get; init; } = "the app";

    /// <summary>pass, warn, fail, ignored, or alternative (another build of the same SONAME loads instead).</summary>
    public required Verdict Verdict { get; set; }

    /// <summary>executable, shared-library, relocatable, core, debug-symbols, unreadable or other (see <see cref="FileKind"/>).</summary>
    public FileKind Kind { get; init; } = FileKind.Unreadable;

    /// <summary>glibc, musl, bionic, unknown or none: the reader's verdict, sharpened by the check's own evidence (e.g. glibc strings in a static file).</summary>
    public string Libc { get; init; } = "none";

    /// <summary>Soname-like strings of the read-only data (dlopen candidates), without the file's own NEEDED and SONAME.</summary>
    public IReadOnlyList<string> RuntimeLoaded { get; init; } = [];

    /// <summary>The byte offset where reading failed, for unreadable files.</summary>
    public long? ErrorOffset { get; init; }

    /// <summary>For a file embedded in a single-file bundle: the host's path (this file's path is "host!/name").</summary>
    public string? Container { get; init; }

    /// <summary>For a single-file bundle host: its manifest (version, embedded files).</summary>
    public BundleManifest? Bundle { get; init; }

    /// <summary>What of a bundle was not looked at; null when everything was.</summary>
    public string? BundleNote { get; init; }

    /// <summary>
    /// For an executable or library that still has its symbols: its size after `strip`, estimated from its section
    /// headers (see <see cref="StripEstimate"/>); null when it is already stripped or not something one strips.
    /// </summary>
    public long? StrippedSize => Elf is not null && IsLoadable ? StripEstimate.StrippedSize(Elf, Size) : null;

    /// <summary>The separate debug file of a stripped file (NativeAOT's app.dbg), relative to the checked root; null when none was found.</summary>
    public string? DebugCompanion { get; init; }

    /// <summary>The size of <see cref="DebugCompanion"/>; null without one.</summary>
    public long? DebugCompanionSize { get; init; }

    /// <summary>
    /// Roughly what a stripped file weighed before stripping: its size plus its debug file's (the two differ from the
    /// original by a few section headers); null without a debug file.
    /// </summary>
    public long? UnstrippedSize => DebugCompanionSize is { } companion ? Size + companion : null;

    /// <summary>No interpreter and no NEEDED entries (static-pie counts); false for files that are never loaded (objects, debug symbols).</summary>
    public bool FullyStatic => Elf is not null
        && Elf.IsFullyStatic
        && IsLoadable;

    /// <summary>An executable or shared library: what the loader (or the kernel) loads, as opposed to objects and debug files.</summary>
    public bool IsLoadable => Kind == FileKind.Executable || Kind == FileKind.SharedLibrary;
}
