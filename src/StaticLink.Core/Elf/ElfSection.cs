namespace StaticLink.Core.Elf;

/// <summary>One section header, widened to 64 bits; <see cref="Name"/> is empty when the name table is missing.</summary>
public sealed record ElfSection(
    string Name,
    uint Type,
    ulong Flags,
    ulong Address,
    ulong Offset,
    ulong Size,
    uint Link,
    ulong EntrySize);
