using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>Every raw fact of <see cref="ElfFile"/>, read from crafted files in both classes and byte orders.</summary>
public sealed class ElfReaderFieldTests
{
    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Reads_the_file_header(ElfLayout layout)
    {
        var image = layout.NewBuilder().Type(ElfFileType.Executable).OsAbi(3).Flags(0x5000402).Entry(0x401234).Build();

        var file = ElfReader.Read(image.Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.Class, Is.EqualTo(layout.Class));
            Assert.That(file.Endianness, Is.EqualTo(layout.Endianness));
            Assert.That(file.Machine, Is.EqualTo(layout.Machine));
            Assert.That(file.MachineName, Is.EqualTo(ElfNames.Machine(layout.Machine, layout.Class)));
            Assert.That(file.Type, Is.EqualTo(ElfFileType.Executable));
            Assert.That(file.OsAbi, Is.EqualTo(3));
            Assert.That(file.Flags, Is.EqualTo(0x5000402u));
            Assert.That(file.Entry, Is.EqualTo(0x401234ul));
            Assert.That(file.Length, Is.EqualTo(image.Length));
        });
    }

    [TestCase(ElfFileType.Executable)]
    [TestCase(ElfFileType.SharedObject)]
    [TestCase(ElfFileType.Relocatable)]
    [TestCase(ElfFileType.Core)]
    public void Reads_every_file_type(ElfFileType type)
    {
        var file = ElfReader.Read(ElfImageBuilder.Elf64Little().Type(type).Build().Bytes);

        Assert.That(file.Type, Is.EqualTo(type));
    }

    [Test]
    public void A_machine_outside_the_enum_keeps_its_number_and_still_prints()
    {
        var file = ElfReader.Read(ElfImageBuilder.Elf64Little().Machine(0x1234).Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That((ushort)file.Machine, Is.EqualTo(0x1234));
            Assert.That(file.MachineName, Is.EqualTo("machine-4660"));
        });
    }

    [TestCase(ElfMachine.RiscV, ElfClass.Elf64, "riscv64")]
    [TestCase(ElfMachine.Mips, ElfClass.Elf64, "mips64")]
    [TestCase(ElfMachine.S390, ElfClass.Elf64, "s390x")]
    [TestCase(ElfMachine.I386, ElfClass.Elf32, "i386")]
    [TestCase(ElfMachine.AArch64, ElfClass.Elf64, "aarch64")]
    public void Machine_names_depend_on_the_class_where_the_spec_shares_a_number(ElfMachine machine, ElfClass elfClass, string expected)
    {
        var file = ElfReader.Read(new ElfImageBuilder(elfClass, ElfEndianness.Little).Machine(machine).Build().Bytes);

        Assert.That(file.MachineName, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Reads_program_headers_in_file_order_widened_to_64_bits(ElfLayout layout)
    {
        var image = CraftedImages.GlibcPie(layout.Class, layout.Endianness).Machine(layout.Machine).Build();
        var dynamic = image.Region("dynamic");
        var interpreter = image.Region("interpreter");

        var file = ElfReader.Read(image.Bytes);

        Assert.That(
            file.ProgramHeaders.Select(p => p.Type),
            Is.EqualTo(new[] { ElfSpec.PT_PHDR, ElfSpec.PT_INTERP, ElfSpec.PT_LOAD, ElfSpec.PT_LOAD, ElfSpec.PT_DYNAMIC, ElfSpec.PT_NOTE, ElfSpec.PT_GNU_STACK, ElfSpec.PT_GNU_RELRO }));
        var dynamicHeader = file.ProgramHeaders.Single(p => p.Type == ElfSpec.PT_DYNAMIC);
        var interpHeader = file.ProgramHeaders.Single(p => p.Type == ElfSpec.PT_INTERP);
        var writableLoad = file.ProgramHeaders.Where(p => p.Type == ElfSpec.PT_LOAD).Last();
        Assert.Multiple(() =>
        {
            Assert.That(dynamicHeader.Offset, Is.EqualTo((ulong)dynamic.Offset));
            Assert.That(dynamicHeader.VirtualAddress, Is.EqualTo((ulong)dynamic.Offset + image.DynamicSegmentDelta));
            Assert.That(dynamicHeader.FileSize, Is.EqualTo((ulong)dynamic.Size));
            Assert.That(dynamicHeader.MemorySize, Is.EqualTo((ulong)dynamic.Size));
            Assert.That(dynamicHeader.Flags, Is.EqualTo(ElfSpec.PF_R | ElfSpec.PF_W));
            Assert.That(interpHeader.Offset, Is.EqualTo((ulong)interpreter.Offset));
            Assert.That(interpHeader.FileSize, Is.EqualTo((ulong)interpreter.Size));
            Assert.That(writableLoad.MemorySize, Is.EqualTo(writableLoad.FileSize + 0x40), "memsz beyond filesz (bss) is kept");
            Assert.That(file.Interpreter, Is.EqualTo("/lib64/ld-linux-x86-64.so.2"));
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Reads_the_dynamic_table(ElfLayout layout, bool sections)
    {
        var file = ElfReader.Read(CraftedImages.RichLibrary(layout, sections).Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.HasDynamicTable, Is.True);
            Assert.That(file.Needed, Is.EqualTo(new[] { "libm.so.6", "libc.so.6", "libdl.so.2" }));
            Assert.That(file.Soname, Is.EqualTo("libcrafted.so.1"));
            Assert.That(file.Rpath, Is.EqualTo(new[] { "/opt/crafted/lib", string.Empty, "$ORIGIN/../lib" }), "empty elements are kept");
            Assert.That(file.Runpath, Is.EqualTo(new[] { "$ORIGIN", "/usr/local/lib" }));
            Assert.That(file.DynamicFlags, Is.EqualTo(ElfSpec.DF_BIND_NOW));
            Assert.That(file.DynamicFlags1, Is.EqualTo(ElfSpec.DF_1_NOW | 0x8));
            Assert.That(file.HasBindNowTag, Is.True);
            Assert.That(file.HasTextRelTag, Is.True);
            Assert.That(file.HasDebugTag, Is.True);
            Assert.That(file.Interpreter, Is.Null);
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Reads_version_needs_and_definitions(ElfLayout layout, bool sections)
    {
        var file = ElfReader.Read(CraftedImages.RichLibrary(layout, sections).Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.VersionNeeds.Select(v => v.Library), Is.EqualTo(new[] { "libm.so.6", "libc.so.6" }));
            Assert.That(file.VersionNeeds[0].Versions, Is.EqualTo(new[] { "GLIBC_2.2.5", "GLIBC_2.29" }));
            Assert.That(file.VersionNeeds[1].Versions, Is.EqualTo(new[] { "GLIBC_2.25", "GLIBC_2.14" }));
            Assert.That(file.VersionDefinitions, Is.EqualTo(new[] { "libcrafted.so.1", "CRAFTED_1.0", "CRAFTED_2.0" }), "names only, parents are not definitions");
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Reads_versioned_imports_through_dt_hash(ElfLayout layout, bool sections)
    {
        var file = ElfReader.Read(CraftedImages.RichLibrary(layout, sections).Build().Bytes);

        Assert.That(
            file.VersionedImports,
            Is.EqualTo(new[]
            {
                new ElfVersionedImport("getrandom", "libc.so.6", "GLIBC_2.25"),
                new ElfVersionedImport("memcpy", "libc.so.6", "GLIBC_2.14"),
                new ElfVersionedImport("exp", "libm.so.6", "GLIBC_2.29"),
            }),
            "undefined symbols bound to a needed version only: not __gmon_start__ (unversioned), not crafted_entry (defined)");
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Reads_versioned_imports_through_dt_gnu_hash(ElfLayout layout, bool sections)
    {
        var builder = CraftedImages.RichLibrary(layout, sections).GnuHash().Export("second_export");

        var file = ElfReader.Read(builder.Build().Bytes);

        Assert.That(
            file.VersionedImports.Select(i => $"{i.Symbol}@{i.Library}:{i.Version}"),
            Is.EqualTo(new[] { "getrandom@libc.so.6:GLIBC_2.25", "memcpy@libc.so.6:GLIBC_2.14", "exp@libm.so.6:GLIBC_2.29" }));
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Reads_the_gnu_build_id_as_lower_case_hex(ElfLayout layout, bool sections)
    {
        var file = ElfReader.Read(CraftedImages.RichLibrary(layout, sections).Build().Bytes);

        Assert.That(file.BuildId, Is.EqualTo(CraftedImages.SampleBuildIdHex));
    }

    [Test]
    public void A_build_id_note_among_other_notes_is_found()
    {
        var image = ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.Executable)
            .Note("Go", 4, [1, 2, 3, 4, 5])
            .AbiTagNote()
            .BuildId([0xab, 0xcd])
            .WithoutSectionHeaders()
            .Build();

        Assert.That(ElfReader.Read(image.Bytes).BuildId, Is.EqualTo("abcd"));
    }

    [Test]
    public void A_note_of_the_build_id_type_from_another_owner_is_not_a_build_id()
    {
        var image = ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).Note("XYZ", ElfSpec.NT_GNU_BUILD_ID, [1, 2, 3, 4]).Build();

        Assert.That(ElfReader.Read(image.Bytes).BuildId, Is.Null);
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Reads_section_headers_with_names_and_types(ElfLayout layout)
    {
        var image = CraftedImages.RichLibrary(layout).Build();
        var dynamic = image.Region("dynamic");

        var file = ElfReader.Read(image.Bytes);

        Assert.That(
            file.Sections.Select(s => s.Name),
            Is.EqualTo(new[]
            {
                string.Empty, ".note.gnu.build-id", ".hash", ".dynsym", ".dynstr", ".gnu.version", ".gnu.version_r", ".gnu.version_d",
                ".dynamic", ".symtab", ".strtab", ".debug_info", ".shstrtab",
            }));
        var section = file.FindSection(".dynamic");
        Assert.That(section, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(section!.Type, Is.EqualTo(ElfSpec.SHT_DYNAMIC));
            Assert.That(section.Offset, Is.EqualTo((ulong)dynamic.Offset));
            Assert.That(section.Size, Is.EqualTo((ulong)dynamic.Size));
            Assert.That(section.Address, Is.EqualTo((ulong)dynamic.Offset + image.DynamicSegmentDelta));
            Assert.That(section.Flags, Is.EqualTo(ElfSpec.SHF_ALLOC | ElfSpec.SHF_WRITE));
            Assert.That(section.EntrySize, Is.EqualTo((ulong)(2 * image.WordSize)));
            Assert.That(file.Sections[(int)section.Link].Name, Is.EqualTo(".dynstr"));
            Assert.That(file.FindSection(".symtab")!.Type, Is.EqualTo(ElfSpec.SHT_SYMTAB));
            Assert.That(file.FindSection(".no-such-section"), Is.Null);
            Assert.That(file.HasSymbolTable, Is.True);
            Assert.That(file.HasDebugInfo, Is.True);
            Assert.That(file.Stripped, Is.False);
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Without_section_headers_there_are_no_sections_and_no_symbol_table(ElfLayout layout)
    {
        var file = ElfReader.Read(CraftedImages.RichLibrary(layout, sections: false).Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.Sections, Is.Empty);
            Assert.That(file.HasSymbolTable, Is.False);
            Assert.That(file.HasDebugInfo, Is.False);
            Assert.That(file.Stripped, Is.True);
        });
    }

    [TestCase(".debug_info", false, true)]
    [TestCase(".zdebug_info", false, true)]
    [TestCase(".debug_line", true, true)]
    [TestCase(null, true, false)]
    [TestCase(null, false, false)]
    public void Symbol_table_and_debug_sections_decide_stripped(string? debugSection, bool symbolTable, bool expectDebugInfo)
    {
        var builder = ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable);
        if (debugSection != null)
        {
            builder.DebugSection(debugSection);
        }

        if (symbolTable)
        {
            builder.SymbolTable();
        }

        var file = ElfReader.Read(builder.Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.HasDebugInfo, Is.EqualTo(expectDebugInfo));
            Assert.That(file.HasSymbolTable, Is.EqualTo(symbolTable));
            Assert.That(file.Stripped, Is.EqualTo(!symbolTable && !expectDebugInfo));
        });
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public void A_file_whose_code_sections_hold_no_bytes_is_a_debug_companion(bool codeHasBytes, bool expectCompanion)
    {
        var file = ElfReader.Read(CraftedImages.GlibcPie().CodeSection(codeHasBytes).SymbolTable().DebugSection().Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.IsDebugCompanion, Is.EqualTo(expectCompanion));
            Assert.That(file.Linkage, Is.EqualTo(expectCompanion ? ElfLinkage.None : ElfLinkage.Dynamic), "a debug file is never loaded");
        });
    }

    [Test]
    public void A_file_without_dynamic_table_has_empty_dynamic_facts()
    {
        var file = ElfReader.Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).GnuStack(false).Build().Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.HasDynamicTable, Is.False);
            Assert.That(file.Interpreter, Is.Null);
            Assert.That(file.Needed, Is.Empty);
            Assert.That(file.Soname, Is.Null);
            Assert.That(file.Rpath, Is.Empty);
            Assert.That(file.Runpath, Is.Empty);
            Assert.That(file.DynamicFlags, Is.Null);
            Assert.That(file.DynamicFlags1, Is.Null);
            Assert.That(file.HasBindNowTag, Is.False);
            Assert.That(file.HasTextRelTag, Is.False);
            Assert.That(file.HasDebugTag, Is.False);
            Assert.That(file.VersionNeeds, Is.Empty);
            Assert.That(file.VersionDefinitions, Is.Empty);
            Assert.That(file.VersionedImports, Is.Empty);
            Assert.That(file.BuildId, Is.Null);
            Assert.That(file.IsFullyStatic, Is.True);
        });
    }

    [Test]
    public void A_relocatable_object_without_program_headers_is_read_through_its_sections()
    {
        var image = ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.Relocatable)
            .WithoutProgramHeaders()
            .Needed("libfoo.so.1")
            .Soname("libobject.so")
            .SymbolTable()
            .Build();

        var file = ElfReader.Read(image.Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.ProgramHeaders, Is.Empty);
            Assert.That(file.HasDynamicTable, Is.True, "SHT_DYNAMIC stands in for PT_DYNAMIC when there are no program headers");
            Assert.That(file.Needed, Is.EqualTo(new[] { "libfoo.so.1" }));
            Assert.That(file.Soname, Is.EqualTo("libobject.so"));
            Assert.That(file.HasSymbolTable, Is.True);
        });
    }

    [Test]
    public void Reads_the_same_facts_from_a_path_a_stream_and_bytes()
    {
        using var temp = new TempDirectory();
        var image = CraftedImages.RichLibrary(new ElfLayout(ElfClass.Elf32, ElfEndianness.Big, ElfMachine.PowerPC)).Build();
        var path = temp.File("libcrafted.so.1", image.Bytes);

        var fromBytes = ElfFacts.Describe(ElfReader.Read(image.Bytes));
        var fromPath = ElfFacts.Describe(ElfReader.Read(path));
        using var stream = new MemoryStream(image.Bytes);
        var fromStream = ElfFacts.Describe(ElfReader.Read(stream));
        var tried = ElfReader.TryRead(path, out var triedFile, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(fromPath, Is.EqualTo(fromBytes));
            Assert.That(fromStream, Is.EqualTo(fromBytes));
            Assert.That(tried, Is.True);
            Assert.That(error, Is.Null);
            Assert.That(ElfFacts.Describe(triedFile!), Is.EqualTo(fromBytes));
            Assert.That(ElfReader.HasElfMagic(path), Is.True);
        });
    }

    [Test]
    public void Reading_a_big_file_touches_only_the_parts_it_needs()
    {
        // 256 MiB of zeros after the structures: served virtually, so the test allocates nothing of that size.
        var image = CraftedImages.RichLibrary(new ElfLayout(ElfClass.Elf64, ElfEndianness.Little, ElfMachine.X8664)).Build();
        using var stream = new PaddedCountingStream(image.Bytes, virtualZeros: 256L << 20);

        var file = ElfReader.Read(stream);

        Assert.Multiple(() =>
        {
            Assert.That(file.Needed, Has.Count.EqualTo(3));
            Assert.That(file.Length, Is.EqualTo(image.Length + (256L << 20)));
            Assert.That(stream.BytesRead, Is.LessThan(4L << 20), "a reader that loads the whole file reads all 256 MiB");
        });
    }
}
