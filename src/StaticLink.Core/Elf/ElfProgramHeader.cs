namespace StaticLink.Core.Elf;

/// <summary>One program header, widened to 64 bits whatever the file's class.</summary>
public sealed record ElfProgramHeader(
    uint Type,
    uint Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong FileSize,
    ulong MemorySize);
