using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// The crafted files are only as good as the writer that makes them: GNU readelf must read them cleanly and see
/// exactly what the builder meant, and then the reader must agree with readelf on them.
/// </summary>
public sealed class CraftedImagesReadelfTests
{
    [OneTimeSetUp]
    public void RequireReadelf()
    {
        if (Readelf.Path is null)
        {
            Assert.Fail("GNU readelf is missing: .ci/run must install binutils");
        }
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Readelf_reads_the_rich_library_cleanly_and_sees_what_was_built(ElfLayout layout, bool sections)
    {
        using var temp = new TempDirectory();
        var path = temp.File("libcrafted.so.1", CraftedImages.RichLibrary(layout, sections).Build().Bytes);

        var facts = DescribeWithSectionDump(path, out var stderr);

        Assert.Multiple(() =>
        {
            Assert.That(stderr, Is.Empty, "readelf complained about the crafted file");
            Assert.That(facts.Needed, Is.EqualTo(new[] { "libm.so.6", "libc.so.6", "libdl.so.2" }));
            Assert.That(facts.Sonames, Is.EqualTo(new[] { "libcrafted.so.1" }));
            Assert.That(facts.Rpaths, Is.EqualTo(new[] { "/opt/crafted/lib::$ORIGIN/../lib" }));
            Assert.That(facts.Runpaths, Is.EqualTo(new[] { "$ORIGIN:/usr/local/lib" }));
            if (sections)
            {
                // readelf -V reads version sections only through section headers.
                Assert.That(facts.VersionNeeds.Select(v => v.Library + "=" + string.Join(",", v.Versions)), Is.EqualTo(new[] { "libm.so.6=GLIBC_2.2.5,GLIBC_2.29", "libc.so.6=GLIBC_2.25,GLIBC_2.14" }));
            }
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Readelf_maps_addresses_of_a_section_less_file_through_pt_load(ElfLayout layout)
    {
        using var temp = new TempDirectory();
        var path = temp.File("pie", CraftedImages.GlibcPie(layout.Class, layout.Endianness).Machine(layout.Machine).WithoutSectionHeaders().Build().Bytes);

        var run = ExternalTool.Run(Readelf.Path!, ["-W", "-D", "-d", "-l", path]);
        var facts = Readelf.Parse(run.StandardOutput, [path])[path];

        Assert.Multiple(() =>
        {
            Assert.That(run.StandardError, Is.Empty);
            Assert.That(facts.Interpreter, Is.EqualTo("/lib64/ld-linux-x86-64.so.2"));
            Assert.That(facts.Needed, Is.EqualTo(new[] { "libc.so.6" }), "readelf found DT_STRTAB through the second PT_LOAD");
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void The_reader_agrees_with_readelf_on_crafted_files(ElfLayout layout, bool sections)
    {
        using var temp = new TempDirectory();
        var path = temp.File("libcrafted.so.1", CraftedImages.RichLibrary(layout, sections).Interpreter("/lib/ld-musl-armhf.so.1").Build().Bytes);
        var facts = DescribeWithSectionDump(path, out _);

        var file = ElfReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(file.Interpreter, Is.EqualTo(facts.Interpreter));
            Assert.That(file.Needed, Is.EqualTo(facts.Needed));
            Assert.That(file.Soname, Is.EqualTo(facts.Sonames.Single()));
            Assert.That(string.Join(":", file.Rpath), Is.EqualTo(facts.Rpaths.Single()));
            Assert.That(string.Join(":", file.Runpath), Is.EqualTo(facts.Runpaths.Single()));
            if (sections)
            {
                Assert.That(file.VersionNeeds.Select(v => (v.Library, string.Join(",", v.Versions))), Is.EqualTo(facts.VersionNeeds.Select(v => (v.Library, string.Join(",", v.Versions)))));
            }
        });
    }

    private static ReadelfFacts DescribeWithSectionDump(string path, out string stderr)
    {
        // -S and -s too, so that readelf checks the section headers and symbol tables of the crafted file.
        var run = ExternalTool.Run(Readelf.Path!, ["-W", "-d", "-l", "-V", "-S", "-s", "-n", path]);
        stderr = run.StandardError;
        return Readelf.Parse(run.StandardOutput, [path])[path];
    }
}
