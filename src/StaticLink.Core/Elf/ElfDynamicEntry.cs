namespace StaticLink.Core.Elf;

/// <summary>One entry of the dynamic table: a tag and its value, widened to 64 bits.</summary>
internal readonly record struct ElfDynamicEntry(long Tag, ulong Value);
