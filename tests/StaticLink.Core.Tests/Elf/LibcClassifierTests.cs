using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>The one decision of a file's C library: what the reader stores, what a finding quotes, what a report names.</summary>
public class LibcClassifierTests
{
    private static ElfFile Read(ElfImageBuilder builder) => ElfReader.Read(builder.Build().Bytes);

    [Test]
    public void A_glibc_only_library_without_libc_itself_is_glibc_in_the_report_though_the_reader_cannot_tell()
    {
        // libm.so.6 alone names no C library for the reader's order of trust, but only glibc has that soname.
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Soname("libx.so").Needed("libm.so.6"));
        var evidence = LibcClassifier.Evidence(file);

        Assert.Multiple(() =>
        {
            Assert.That(file.Libc, Is.EqualTo(LibcFlavor.None));
            Assert.That(evidence.Glibc, Is.EqualTo(new[] { "NEEDED libm.so.6" }));
            Assert.That(evidence.Musl, Is.Empty);
            Assert.That(LibcClassifier.Reported(file, evidence, hasStaticGlibcMarkers: false), Is.EqualTo(LibcFlavor.Glibc));
        });
    }

    [Test]
    public void Evidence_of_both_libraries_leaves_the_report_to_the_readers_order_of_trust()
    {
        var file = Read(ElfImageBuilder.Elf64Little()
            .Type(ElfFileType.Executable)
            .Interpreter("/lib/ld-musl-x86_64.so.1")
            .Needed("libc.so.6")
            .VersionNeed("libc.so.6", "GLIBC_2.2.5"));
        var evidence = LibcClassifier.Evidence(file);

        Assert.Multiple(() =>
        {
            Assert.That(evidence.Musl, Is.EqualTo(new[] { "interpreter /lib/ld-musl-x86_64.so.1" }));
            Assert.That(evidence.Glibc, Is.EqualTo(new[] { "NEEDED libc.so.6", "version need GLIBC_2.2.5" }));
            Assert.That(evidence.GlibcNames, Is.EqualTo(new[] { "libc.so.6" }));
            Assert.That(LibcClassifier.MainLibrary(evidence.GlibcNames), Is.EqualTo("libc.so.6"));
            Assert.That(LibcClassifier.Reported(file, evidence, hasStaticGlibcMarkers: false), Is.EqualTo(LibcFlavor.Musl), "the interpreter wins");
        });
    }

    [Test]
    public void Static_glibc_markers_found_by_the_scanner_make_an_unknown_static_file_glibc()
    {
        var file = Read(ElfImageBuilder.Elf64Little().Type(ElfFileType.Executable));
        var evidence = LibcClassifier.Evidence(file);

        Assert.That(LibcClassifier.Reported(file, evidence, hasStaticGlibcMarkers: true), Is.EqualTo(LibcFlavor.Glibc));
        Assert.That(LibcClassifier.Reported(file, evidence, hasStaticGlibcMarkers: false), Is.EqualTo(file.Libc));
    }
}
