namespace StaticLink.Core.Elf;

/// <summary>What the reader reads beyond the headers and the dynamic table.</summary>
public sealed class ElfReadOptions
{
    /// <summary>Everything, including <see cref="ElfFile.VersionedImports"/>.</summary>
    public static ElfReadOptions Default { get; } = new() { ReadVersionedImports = true };

    /// <summary>No per-symbol work: for listing many files, where symbol names are not shown.</summary>
    public static ElfReadOptions Summary { get; } = new() { ReadVersionedImports = false };

    /// <summary>
    /// Walk the dynamic symbol table to name the symbols behind each needed version. It is the costliest step for large
    /// libraries and only a "symbol version too new" verdict needs it.
    /// </summary>
    public bool ReadVersionedImports { get; init; } = true;
}
