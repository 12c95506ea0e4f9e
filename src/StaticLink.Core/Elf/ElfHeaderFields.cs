namespace StaticLink.Core.Elf;

/// <summary>The file header fields the parser needs after the header itself has been read, widened to 64 bits.</summary>
internal readonly record struct ElfHeaderFields(
    ulong ProgramHeaderOffset,
    ushort ProgramHeaderEntrySize,
    ushort ProgramHeaderCount,
    ulong SectionHeaderOffset,
    ushort SectionHeaderEntrySize,
    ushort SectionHeaderCount,
    ushort SectionNameTableIndex);
