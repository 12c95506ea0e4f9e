using System.Collections.Generic;
using StaticLink.Core.Elf;

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

    /// <summary>The highest GLIBC_ version this file needs, e.g. "2.34"; null when it needs none.</summary>
    public string? MinimumGlibc { get; init; }

    /// <summary>Ignored by a user rule (the reason is kept for the report).</summary>
    public string? IgnoredReason { get; init; }

    /// <summary>pass, warn, fail or ignored.</summary>
    public required string Verdict { get; init; }
}
