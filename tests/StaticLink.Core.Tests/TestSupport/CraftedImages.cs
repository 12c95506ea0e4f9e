using System.Collections.Generic;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>Ready-made crafted files shared by the field, malformed, mutation and readelf tests.</summary>
internal static class CraftedImages
{
    public static readonly byte[] SampleBuildId = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x10, 0x20, 0x30, 0x40, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0x0f, 0xff];

    public const string SampleBuildIdHex = "deadbeef0001020310203040a0b0c0d0e0f00fff";

    /// <summary>The four layouts every field test runs in, each with a machine that really uses it.</summary>
    public static IEnumerable<ElfLayout> Layouts()
    {
        yield return new ElfLayout(ElfClass.Elf64, ElfEndianness.Little, ElfMachine.X8664);
        yield return new ElfLayout(ElfClass.Elf32, ElfEndianness.Little, ElfMachine.Arm);
        yield return new ElfLayout(ElfClass.Elf64, ElfEndianness.Big, ElfMachine.PowerPC64);
        yield return new ElfLayout(ElfClass.Elf32, ElfEndianness.Big, ElfMachine.Mips);
    }

    /// <summary>The layouts times with/without section headers.</summary>
    public static IEnumerable<object[]> LayoutsWithAndWithoutSections()
    {
        foreach (var layout in Layouts())
        {
            yield return [layout, true];
            yield return [layout, false];
        }
    }

    /// <summary>A shared library carrying every fact the reader extracts.</summary>
    public static ElfImageBuilder RichLibrary(ElfLayout layout, bool sections = true)
    {
        var builder = layout.NewBuilder()
            .Type(ElfFileType.SharedObject)
            .Needed("libm.so.6", "libc.so.6", "libdl.so.2")
            .Soname("libcrafted.so.1")
            .Rpath("/opt/crafted/lib::$ORIGIN/../lib")
            .Runpath("$ORIGIN:/usr/local/lib")
            .DynamicFlags(ElfSpec.DF_BIND_NOW)
            .DynamicFlags1(ElfSpec.DF_1_NOW | 0x8)
            .BindNowTag()
            .TextRelTag()
            .DebugTag()
            .VersionDefinition("libcrafted.so.1")
            .VersionDefinition("CRAFTED_1.0")
            .VersionDefinition("CRAFTED_2.0", parent: "CRAFTED_1.0")
            .VersionNeed("libm.so.6", "GLIBC_2.2.5", "GLIBC_2.29")
            .Import("getrandom", "libc.so.6", "GLIBC_2.25")
            .Import("memcpy", "libc.so.6", "GLIBC_2.14")
            .Import("exp", "libm.so.6", "GLIBC_2.29")
            .UnversionedImport("__gmon_start__")
            .Export("crafted_entry")
            .GnuStack(executable: false)
            .Relro()
            .BuildId(SampleBuildId)
            .SymbolTable()
            .DebugSection();
        return sections ? builder : builder.WithoutSectionHeaders();
    }

    /// <summary>A PIE executable as gcc links it on glibc: interpreter, NEEDED libc, version needs, relro, NX.</summary>
    public static ElfImageBuilder GlibcPie(ElfClass elfClass = ElfClass.Elf64, ElfEndianness endianness = ElfEndianness.Little)
        => new ElfImageBuilder(elfClass, endianness)
            .Type(ElfFileType.SharedObject)
            .Interpreter("/lib64/ld-linux-x86-64.so.2")
            .Needed("libc.so.6")
            .DynamicFlags1(ElfSpec.DF_1_PIE)
            .DebugTag()
            .Import("puts", "libc.so.6", "GLIBC_2.2.5")
            .Import("__libc_start_main", "libc.so.6", "GLIBC_2.34")
            .GnuStack(executable: false)
            .Relro()
            .BuildId(SampleBuildId);
}
