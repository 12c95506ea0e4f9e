using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class FileCheckTests
{
    [TestCase("linux-x64", ElfMachine.AArch64, ElfClass.Elf64, "aarch64, 64-bit", "x86_64, 64-bit")]
    [TestCase("linux-arm64", ElfMachine.X8664, ElfClass.Elf64, "x86_64, 64-bit", "aarch64, 64-bit")]
    [TestCase("linux-x64", ElfMachine.I386, ElfClass.Elf32, "i386, 32-bit", "x86_64, 64-bit")]
    [TestCase("linux-musl-arm", ElfMachine.AArch64, ElfClass.Elf64, "aarch64, 64-bit", "arm, 32-bit, hard-float ABI")]
    [TestCase("linux-x86", ElfMachine.X8664, ElfClass.Elf64, "x86_64, 64-bit", "i386, 32-bit")]
    [TestCase("linux-riscv64", ElfMachine.LoongArch, ElfClass.Elf64, "loongarch64, 64-bit", "riscv64, 64-bit")]
    public void A_file_for_another_architecture_is_an_architecture_mismatch(string rid, ElfMachine machine, ElfClass elfClass, string actual, string expected)
    {
        var elf = Facts.Library("libother.so", "libc.so.6", "ld-linux-aarch64.so.1");
        elf.Machine = machine;
        elf.Class = elfClass;

        var report = Facts.Check(rid, Facts.File("libother.so", elf));

        var finding = report.WithCode(DiagnosticCodes.ArchitectureMismatch).Single();
        Assert.That(finding.Shown(), Is.EqualTo(
            $"libother.so is built for {actual}, but {rid} needs {expected} files. "
            + $"Use the {rid} build of libother.so (the package asset runtimes/{rid}/native/libother.so), or remove it from the output."));

        // The loader names of another architecture say nothing about this one: no SL1001 noise on top.
        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary), Is.Empty);
    }

    [Test]
    public void Big_endian_s390x_files_match_linux_s390x_and_little_endian_ones_do_not()
    {
        var big = Facts.Library("libbig.so", "libc.so.6", "ld64.so.1");
        big.Machine = ElfMachine.S390;
        big.Endianness = ElfEndianness.Big;
        var little = Facts.Library("liblittle.so", "libc.so.6");
        little.Machine = ElfMachine.S390;

        var report = Facts.Check("linux-s390x", Facts.File("libbig.so", big), Facts.File("liblittle.so", little));

        Assert.That(report.FileNamed("libbig.so").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(report.WithCode(DiagnosticCodes.ArchitectureMismatch).Single().Message, Does.StartWith("liblittle.so is built for s390x, 64-bit, little-endian, but linux-s390x needs s390x, 64-bit files."));
    }

    [Test]
    public void A_soft_float_arm_library_does_not_match_linux_arm()
    {
        var elf = Facts.Library("libsoft.so", "libc.so.6", "ld-linux-armhf.so.3");
        elf.Machine = ElfMachine.Arm;
        elf.Class = ElfClass.Elf32;
        elf.Flags = 0x05000200;

        var report = Facts.Check("linux-arm", Facts.File("libsoft.so", elf));

        Assert.That(report.WithCode(DiagnosticCodes.ArchitectureMismatch).Single().Message, Does.Contain("arm, 32-bit, soft-float ABI"));
    }

    [Test]
    public void An_unreadable_file_is_an_error_naming_the_file_the_offset_and_the_reason()
    {
        var report = Facts.Check("linux-x64", Facts.Broken("libtruncated.so", "section headers run past the end of the file", 0x40));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.UnreadableFile));
        Assert.That(finding.File, Is.EqualTo("libtruncated.so"));
        Assert.That(finding.Shown(), Is.EqualTo(
            "libtruncated.so could not be read as an ELF file at offset 0x40. The reader says: section headers run past the end of the file. "
            + "Replace libtruncated.so with a complete build, or leave it out of the check with an ignore rule for libtruncated.so."));
        Assert.That(report.FileNamed("libtruncated.so").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(report.FileNamed("libtruncated.so").Kind, Is.EqualTo(FileKind.Unreadable));
    }

    [Test]
    public void An_ignored_unreadable_file_is_not_an_error()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", Ignore = [new IgnoreRule("*.so", "test data")] };

        var report = Facts.Check(options, Facts.Broken("libtruncated.so", "truncated", 0x40));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("libtruncated.so").Verdict, Is.EqualTo(Verdict.Ignored));
    }

    [Test]
    public void Absolute_empty_and_working_directory_run_paths_warn_and_ORIGIN_ones_do_not()
    {
        var bad = Facts.Library("libbad.so", "libc.so.6");
        bad.Rpath = ["/usr/local/lib", string.Empty];
        bad.Runpath = ["$ORIGIN/lib", "lib", "${ORIGIN}"];
        var good = Facts.Library("libgood.so", "libc.so.6");
        good.Runpath = ["$ORIGIN", "$ORIGIN/../lib"];

        var report = Facts.Check("linux-x64", Facts.File("libbad.so", bad), Facts.File("libgood.so", good));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.UnsafeRunPath));
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Warning));
        Assert.That(finding.Message, Does.StartWith(
            "libbad.so has a library search path the loader resolves outside the output. RPATH /usr/local/lib is absolute; "
            + "RPATH has an empty entry, which means the working directory; RUNPATH lib is relative to the working directory."));
        Assert.That(finding.Shown(), Does.Contain("patchelf"));
        Assert.That(report.FileNamed("libgood.so").Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public void Debug_symbol_files_and_object_files_are_listed_but_not_judged_on_their_needs()
    {
        var debug = Facts.GlibcExecutable("libweird.so.1");
        var objectFile = Facts.Library(null);
        objectFile.Type = ElfFileType.Relocatable;
        var scannedDebug = new StaticLink.Core.Scanning.ScannedFile
        {
            RelativePath = "app.dbg",
            FullPath = "/output/app.dbg",
            Elf = debug,
            IsDebugSymbols = true,
        };

        var report = Facts.Check("linux-x64", scannedDebug, Facts.File("helper.o", objectFile));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("app.dbg").Kind, Is.EqualTo(FileKind.DebugSymbols));
        Assert.That(report.FileNamed("helper.o").Kind, Is.EqualTo(FileKind.Relocatable));
        Assert.That(report.FileNamed("app.dbg").FullyStatic, Is.False);
    }
}
