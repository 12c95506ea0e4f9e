namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// The spec constants the test writer needs, named as in the ELF and GNU specifications. Kept separate from the
/// reader's own constants on purpose: the tests must not inherit a typo from the code under test.
/// </summary>
internal static class ElfSpec
{
    public const uint PT_NULL = 0;
    public const uint PT_LOAD = 1;
    public const uint PT_DYNAMIC = 2;
    public const uint PT_INTERP = 3;
    public const uint PT_NOTE = 4;
    public const uint PT_PHDR = 6;
    public const uint PT_GNU_EH_FRAME = 0x6474e550;
    public const uint PT_GNU_STACK = 0x6474e551;
    public const uint PT_GNU_RELRO = 0x6474e552;

    public const uint PF_X = 1;
    public const uint PF_W = 2;
    public const uint PF_R = 4;

    public const long DT_NULL = 0;
    public const long DT_NEEDED = 1;
    public const long DT_HASH = 4;
    public const long DT_STRTAB = 5;
    public const long DT_SYMTAB = 6;
    public const long DT_STRSZ = 10;
    public const long DT_SYMENT = 11;
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

    public const uint SHT_NULL = 0;
    public const uint SHT_PROGBITS = 1;
    public const uint SHT_SYMTAB = 2;
    public const uint SHT_STRTAB = 3;
    public const uint SHT_HASH = 5;
    public const uint SHT_DYNAMIC = 6;
    public const uint SHT_NOTE = 7;
    public const uint SHT_NOBITS = 8;
    public const uint SHT_DYNSYM = 11;
    public const uint SHT_GNU_HASH = 0x6ffffff6;
    public const uint SHT_GNU_verdef = 0x6ffffffd;
    public const uint SHT_GNU_verneed = 0x6ffffffe;
    public const uint SHT_GNU_versym = 0x6fffffff;

    public const ulong SHF_WRITE = 0x1;
    public const ulong SHF_ALLOC = 0x2;
    public const ulong SHF_EXECINSTR = 0x4;

    public const uint NT_GNU_ABI_TAG = 1;
    public const uint NT_GNU_BUILD_ID = 3;

    public const ushort VER_FLG_BASE = 0x1;

    public const byte STB_GLOBAL = 1;
    public const byte STT_FUNC = 2;
    public const byte STT_OBJECT = 1;

    /// <summary>The SysV ELF hash used by DT_HASH and by vna_hash/vd_hash.</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in System.Text.Encoding.UTF8.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }

            h &= ~g;
        }

        return h;
    }

    /// <summary>The GNU hash (djb2 variant) used by DT_GNU_HASH.</summary>
    public static uint GnuHash(string name)
    {
        uint h = 5381;
        foreach (var c in System.Text.Encoding.UTF8.GetBytes(name))
        {
            h = (h * 33) + c;
        }

        return h;
    }
}
