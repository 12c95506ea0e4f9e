namespace StaticLink.Core.Elf;

/// <summary>EI_CLASS: the width of addresses and offsets in the file.</summary>
public enum ElfClass : byte
{
    None = 0,
    Elf32 = 1,
    Elf64 = 2,
}
