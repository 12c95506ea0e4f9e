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

    /// <summary>
    /// Also list every undefined dynamic symbol and every exported one (<see cref="ElfFile.UndefinedSymbols"/>,
    /// <see cref="ElfFile.ExportedSymbols"/>): musl binds without versions, so on a musl target only the names say
    /// whether a file loads; a capture needs the C library's exports. Off by default: it costs a pass over .dynsym.
    /// </summary>
    public bool ReadSymbols { get; init; }

    /// <summary>Everything, symbols included.</summary>
    public static ElfReadOptions WithSymbols { get; } = new() { ReadVersionedImports = true, ReadSymbols = true };
}
