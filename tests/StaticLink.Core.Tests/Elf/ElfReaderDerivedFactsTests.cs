using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>The verdicts derived from the raw facts: linkage, libc flavour, PIE, RELRO, NX, BIND_NOW, TEXTREL.</summary>
public sealed class ElfReaderDerivedFactsTests
{
    private static ElfFile Read(ElfImageBuilder builder) => ElfReader.Read(builder.Build().Bytes);

    [Test]
    public void A_dynamic_executable_with_an_interpreter_is_dynamic()
    {
        var file = Read(CraftedImages.GlibcPie());

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Dynamic));
            Assert.That(file.IsFullyStatic, Is.False);
        });
    }

    [Test]
    public void A_library_with_needed_entries_and_no_interpreter_is_dynamic()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Soname("libx.so.1").Needed("libc.so.6"));

        Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Dynamic));
    }

    [Test]
    public void An_executable_with_an_interpreter_but_no_needed_entries_is_dynamic()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).Interpreter("/lib/ld-musl-x86_64.so.1"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Dynamic));
            Assert.That(file.IsFullyStatic, Is.False);
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void An_executable_without_interpreter_and_dynamic_table_is_static(ElfLayout layout)
    {
        var file = Read(layout.NewBuilder().Type(ElfFileType.Executable).GnuStack(false));

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Static));
            Assert.That(file.IsFullyStatic, Is.True);
            Assert.That(file.Pie, Is.False);
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void A_self_relocating_pie_without_interpreter_or_needed_is_static_pie(ElfLayout layout)
    {
        // What gcc -static-pie writes: ET_DYN, PT_DYNAMIC with DF_1_PIE, no PT_INTERP, no DT_NEEDED.
        var file = Read(layout.NewBuilder().Type(ElfFileType.SharedObject).DynamicFlags1(ElfSpec.DF_1_NOW | ElfSpec.DF_1_PIE).DebugTag().Relro().GnuStack(false));

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.StaticPie));
            Assert.That(file.IsFullyStatic, Is.True);
            Assert.That(file.Pie, Is.True);
        });
    }

    [TestCase(ElfFileType.Relocatable)]
    [TestCase(ElfFileType.Core)]
    public void Relocatable_objects_and_core_dumps_have_no_linkage_and_no_libc(ElfFileType type)
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(type).Note("CORE", 1, new byte[16]));

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.None));
            Assert.That(file.Libc, Is.EqualTo(LibcFlavor.None));
            Assert.That(file.Pie, Is.False);
        });
    }

    [TestCase("/lib64/ld-linux-x86-64.so.2", LibcFlavor.Glibc)]
    [TestCase("/lib/ld-linux-aarch64.so.1", LibcFlavor.Glibc)]
    [TestCase("/lib/ld-linux-armhf.so.3", LibcFlavor.Glibc)]
    [TestCase("/lib/ld-linux.so.2", LibcFlavor.Glibc)]
    [TestCase("/lib64/ld64.so.2", LibcFlavor.Glibc)]
    [TestCase("/lib/ld64.so.1", LibcFlavor.Glibc)]
    [TestCase("/lib/ld-musl-x86_64.so.1", LibcFlavor.Musl)]
    [TestCase("/lib/ld-musl-aarch64.so.1", LibcFlavor.Musl)]
    [TestCase("/lib/ld-musl-armhf.so.1", LibcFlavor.Musl)]
    [TestCase("/system/bin/linker64", LibcFlavor.Bionic)]
    [TestCase("/system/bin/linker", LibcFlavor.Bionic)]
    [TestCase("/opt/weird/loader.so", LibcFlavor.Unknown)]
    public void The_interpreter_decides_the_libc(string interpreter, LibcFlavor expected)
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).Interpreter(interpreter));

        Assert.That(file.Libc, Is.EqualTo(expected));
    }

    [Test]
    public void The_interpreter_wins_over_needed_entries()
    {
        var file = Read(ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.Executable)
            .Interpreter("/lib/ld-musl-x86_64.so.1")
            .Needed("libc.so.6")
            .VersionNeed("libc.so.6", "GLIBC_2.2.5"));

        Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Musl));
    }

    [TestCase("libc.so.6", LibcFlavor.Glibc)]
    [TestCase("libc.musl-x86_64.so.1", LibcFlavor.Musl)]
    [TestCase("libc.musl-aarch64.so.1", LibcFlavor.Musl)]
    [TestCase("ld-musl-x86_64.so.1", LibcFlavor.Musl)]
    public void Without_interpreter_the_needed_entries_decide_the_libc(string needed, LibcFlavor expected)
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Soname("libx.so").Needed("libz.so.1", needed));

        Assert.That(file.Libc, Is.EqualTo(expected));
    }

    [Test]
    public void Needed_entries_win_over_version_needs()
    {
        var file = Read(ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.SharedObject)
            .Needed("libc.musl-x86_64.so.1", "libstdc++.so.6")
            .VersionNeed("libstdc++.so.6", "GLIBC_2.2.5"));

        Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Musl));
    }

    [Test]
    public void Without_a_libc_name_glibc_version_needs_decide()
    {
        // A library that links libm and libpthread but not libc by name still needs glibc's symbol versions.
        var file = Read(ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.SharedObject)
            .Needed("libfoo.so.1")
            .VersionNeed("libfoo.so.1", "GLIBC_2.17"));

        Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Glibc));
    }

    [Test]
    public void A_static_executable_without_any_libc_trace_has_an_unknown_libc()
    {
        // A stripped static binary still has a C library linked in; with no trace of it, it is "unknown", never "none".
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).GnuStack(false).BuildId([1, 2, 3]));

        Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Unknown));
    }

    [TestCase(ElfFileType.Executable, ElfLinkage.Static)]
    [TestCase(ElfFileType.SharedObject, ElfLinkage.StaticPie)]
    public void A_static_file_with_glibc_abi_tag_note_is_glibc(ElfFileType type, ElfLinkage linkage)
    {
        var builder = ElfImageBuilder.Elf64Little().Type(type).AbiTagNote().BuildId([9, 9]).GnuStack(false);
        if (type == ElfFileType.SharedObject)
        {
            builder.DynamicFlags1(ElfSpec.DF_1_PIE);
        }

        var file = Read(builder.WithoutSectionHeaders());

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(linkage));
            Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Glibc));
        });
    }

    [TestCase("__init_libc", LibcFlavor.Musl)]
    [TestCase("__libc_start_init", LibcFlavor.Musl)]
    [TestCase("__libc_setup_tls", LibcFlavor.Glibc)]
    [TestCase("__init_libc_not_quite", LibcFlavor.Unknown)]
    [TestCase("x__init_libc", LibcFlavor.Unknown)]
    public void A_static_executable_is_judged_by_the_start_up_symbols_of_its_libc(string symbol, LibcFlavor expected)
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).SymbolTable("_start", symbol, "exit"));

        Assert.That(file.Libc, Is.EqualTo(expected));
    }

    [Test]
    public void The_abi_tag_of_a_dynamic_file_does_not_override_its_interpreter()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).Interpreter("/lib/ld-musl-x86_64.so.1").AbiTagNote());

        Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Musl));
    }

    [Test]
    public void A_pie_executable_is_pie()
    {
        Assert.That(Read(CraftedImages.GlibcPie()).Pie, Is.True);
    }

    [Test]
    public void A_position_dependent_executable_is_not_pie()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).Interpreter("/lib64/ld-linux-x86-64.so.2").Needed("libc.so.6").DebugTag());

        Assert.That(file.Pie, Is.False);
    }

    [Test]
    public void A_plain_shared_library_is_not_pie()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Soname("libplain.so.1").Needed("libc.so.6"));

        Assert.That(file.Pie, Is.False);
    }

    [Test]
    public void Relro_is_none_without_pt_gnu_relro_even_with_bind_now()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").BindNowTag());

        Assert.Multiple(() =>
        {
            Assert.That(file.Relro, Is.EqualTo(RelroLevel.None));
            Assert.That(file.BindNow, Is.True);
        });
    }

    [Test]
    public void Relro_is_partial_with_pt_gnu_relro_and_lazy_binding()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").Relro());

        Assert.Multiple(() =>
        {
            Assert.That(file.Relro, Is.EqualTo(RelroLevel.Partial));
            Assert.That(file.BindNow, Is.False);
        });
    }

    [TestCase("DT_BIND_NOW")]
    [TestCase("DF_BIND_NOW")]
    [TestCase("DF_1_NOW")]
    public void Relro_is_full_with_pt_gnu_relro_and_any_form_of_bind_now(string form)
    {
        var builder = ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").Relro();
        _ = form switch
        {
            "DT_BIND_NOW" => builder.BindNowTag(),
            "DF_BIND_NOW" => builder.DynamicFlags(ElfSpec.DF_BIND_NOW),
            _ => builder.DynamicFlags1(ElfSpec.DF_1_NOW),
        };

        var file = Read(builder);

        Assert.Multiple(() =>
        {
            Assert.That(file.Relro, Is.EqualTo(RelroLevel.Full));
            Assert.That(file.BindNow, Is.True);
            Assert.That(file.HasBindNowTag, Is.EqualTo(form == "DT_BIND_NOW"));
        });
    }

    [Test]
    public void Flags_without_the_now_bits_are_not_bind_now()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").Relro()
            .DynamicFlags(0x10 /* DF_STATIC_TLS */).DynamicFlags1(ElfSpec.DF_1_PIE));

        Assert.Multiple(() =>
        {
            Assert.That(file.BindNow, Is.False);
            Assert.That(file.Relro, Is.EqualTo(RelroLevel.Partial));
        });
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public void Nx_follows_the_pt_gnu_stack_flags(bool executableStack, bool expectedNx)
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable).GnuStack(executableStack));

        Assert.That(file.Nx, Is.EqualTo(expectedNx));
    }

    [Test]
    public void Nx_is_false_without_pt_gnu_stack()
    {
        Assert.That(Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable)).Nx, Is.False);
    }

    [TestCase("DT_TEXTREL", true)]
    [TestCase("DF_TEXTREL", true)]
    [TestCase("none", false)]
    public void Textrel_comes_from_the_tag_or_the_flag(string form, bool expected)
    {
        var builder = ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6");
        _ = form switch
        {
            "DT_TEXTREL" => builder.TextRelTag(),
            "DF_TEXTREL" => builder.DynamicFlags(ElfSpec.DF_TEXTREL),
            _ => builder.DynamicFlags(ElfSpec.DF_BIND_NOW),
        };

        var file = Read(builder);

        Assert.Multiple(() =>
        {
            Assert.That(file.TextRel, Is.EqualTo(expected));
            Assert.That(file.HasTextRelTag, Is.EqualTo(form == "DT_TEXTREL"));
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Derived_facts_do_not_depend_on_class_byte_order_or_section_headers(ElfLayout layout, bool sections)
    {
        var builder = CraftedImages.RichLibrary(layout, sections);

        var file = Read(builder);

        Assert.Multiple(() =>
        {
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Dynamic));
            Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Glibc));
            Assert.That(file.Relro, Is.EqualTo(RelroLevel.Full));
            Assert.That(file.Nx, Is.True);
            Assert.That(file.BindNow, Is.True);
            Assert.That(file.TextRel, Is.True);
            Assert.That(file.Pie, Is.False, "a library with a soname and no PIE flag is not a PIE");
            Assert.That(file.Stripped, Is.EqualTo(!sections));
        });
    }
}
