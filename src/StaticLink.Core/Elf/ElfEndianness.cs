namespace StaticLink.Core.Elf;

/// <summary>EI_DATA: the byte order of every multi-byte field after the identification bytes.</summary>
public enum ElfEndianness : byte
{
    None = 0,
    Little = 1,
    Big = 2,
}
