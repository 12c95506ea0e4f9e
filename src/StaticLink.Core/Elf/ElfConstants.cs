namespace StaticLink.Core.Elf;

/// <summary>
/// Constants of the ELF specification (System V gABI and the GNU extensions), named as the specification names them
/// so that a reader can look each one up. Only the values StaticLink reads are here.
/// </summary>
#pragma warning disable CA1707 // Spec names keep their underscores: PT_LOAD is easier to look up than PtLoad.
internal static class ElfConstants
{
    public const int EI_NIDENT = 16;
    public const int EI_CLASS = 4;
    public const int EI_DATA = 5;
    public const int EI_VERSION = 6;
    public const int EI_OSABI = 7;

    public const byte ELFCLASS32 = 1;
    public const byte ELFCLASS64 = 2;
    public const byte ELFDATA2LSB = 1;
    public const byte ELFDATA2MSB = 2;

    public const int Elf32HeaderSize = 52;
    public const int Elf64HeaderSize = 64;
    public const int Elf32ProgramHeaderSize = 32;
    public const int Elf64ProgramHeaderSize = 56;
    public const int Elf32SectionHeaderSize = 40;
    public const int Elf64SectionHeaderSize = 64;
    public const int Elf32SymbolSize = 16;
    public const int Elf64SymbolSize = 24;

    public const ushort PN_XNUM = 0xffff;
    public const ushort SHN_UNDEF = 0;
    public const ushort SHN_XINDEX = 0xffff;

    public const uint PT_LOAD = 1;
    public const uint PT_DYNAMIC = 2;
    public const uint PT_INTERP = 3;
    public const uint PT_NOTE = 4;
    public const uint PT_GNU_STACK = 0x6474e551;
    public const uint PT_GNU_RELRO = 0x6474e552;

    public const uint PF_X = 1;
    public const uint PF_W = 2;

    public const ulong SHF_ALLOC = 0x2;
    public const ulong SHF_EXECINSTR = 0x4;

    public const uint SHT_SYMTAB = 2;
    public const uint SHT_STRTAB = 3;
    public const uint SHT_NOBITS = 8;
    public const uint SHT_NOTE = 7;
    public const uint SHT_DYNAMIC = 6;
    public const uint SHT_DYNSYM = 11;

    public const long DT_NULL = 0;
    public const long DT_NEEDED = 1;
    public const long DT_HASH = 4;
    public const long DT_STRTAB = 5;
    public const long DT_SYMTAB = 6;
    public const long DT_STRSZ = 10;
    public const long DT_SONAME = 14;
    public const long DT_RPATH = 15;
    public const long DT_DEBUG = 21;
    public const long DT_TEXTREL = 22;
    public const long DT_BIND_NOW = 24;
    public const long DT_RUNPATH = 29;
    public const long DT_FLAGS = 30;
    public const long DT_GNU_HASH = 0x6ffffef5;
    public const long DT_VERSYM = 0x6ffffff0;
    public const long DT_FLAGS_1 = 0x6ffffffb;
    public const long DT_VERDEF = 0x6ffffffc;
    public const long DT_VERDEFNUM = 0x6ffffffd;
    public const long DT_VERNEED = 0x6ffffffe;
    public const long DT_VERNEEDNUM = 0x6fffffff;

    public const ulong DF_TEXTREL = 0x4;
    public const ulong DF_BIND_NOW = 0x8;
    public const ulong DF_1_NOW = 0x1;
    public const ulong DF_1_PIE = 0x08000000;

    public const uint NT_GNU_ABI_TAG = 1;
    public const uint NT_GNU_BUILD_ID = 3;

    public const int VerneedSize = 16;
    public const int VernauxSize = 16;
    public const int VerdefSize = 20;
    public const int VerdauxSize = 8;
    public const ushort VERSYM_HIDDEN = 0x8000;

    public const byte STB_LOCAL = 0;
    public const byte STB_WEAK = 2;
    public const byte STT_SECTION = 3;
    public const byte STT_FILE = 4;
    public const byte STV_DEFAULT = 0;
    public const byte STV_PROTECTED = 3;
}
#pragma warning restore CA1707
