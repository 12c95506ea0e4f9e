using System;
using System.IO;
using System.Runtime.Versioning;
using System.Threading.Tasks;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// <see cref="ElfReader.Inspect(string)"/> answers for any path and never throws: ELF facts, "not ELF" for other
/// files, or an error that says what is wrong with the path.
/// </summary>
public sealed class ElfReaderInspectTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempDirectory();

    [TearDown]
    public void RemoveDirectory() => _temp.Dispose();

    [TestCase("empty", "")]
    [TestCase("text", "hello, world\n")]
    [TestCase("linker script", "/* GNU ld script\n   Use the shared library, but some functions are only in\n   the static library, so try that secondarily.  */\nOUTPUT_FORMAT(elf64-x86-64)\nGROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a  AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )\n")]
    [TestCase("three bytes of magic", "\u007fEL")]
    [TestCase("magic with a wrong letter", "\u007fELG and more bytes after it to fill a header's worth of space...............")]
    [TestCase("an ar archive", "!<arch>\n/               0           0     0     0       4         `\n")]
    public void A_file_that_is_not_elf_is_reported_as_not_elf(string what, string contents)
    {
        var path = _temp.File("libc.so", contents);

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.NotElf), what);
            Assert.That(inspection.Path, Is.EqualTo(path));
            Assert.That(inspection.File, Is.Null);
            Assert.That(inspection.Error, Is.Null);
            Assert.That(ElfReader.HasElfMagic(path), Is.False);
            Assert.That(ElfNames.InspectionKind(inspection.Kind), Is.EqualTo("not-elf"));
        });
    }

    [Test]
    public void Reading_a_file_that_is_not_elf_raises_the_format_exception()
    {
        var path = _temp.File("libc.so", "/* GNU ld script */\nGROUP ( libc.so.6 )\n");

        Assert.Multiple(() =>
        {
            Assert.Throws<ElfFormatException>(() => ElfReader.Read(path));
            Assert.Throws<ElfFormatException>(() => ElfReader.Read(Array.Empty<byte>()));
            Assert.That(ElfReader.TryRead(path, out _, out var error), Is.False);
            Assert.That(error, Is.Not.Null);
        });
    }

    [Test]
    public void An_elf_file_with_only_the_magic_is_an_error_not_a_crash()
    {
        var path = _temp.File("short.so", new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 });

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Error, Is.Not.Empty);
            Assert.That(inspection.ErrorOffset, Is.Not.Null);
            Assert.That(ElfReader.HasElfMagic(path), Is.True);
        });
    }

    [Test]
    public void An_elf_file_gives_its_facts()
    {
        var path = _temp.File("libcrafted.so.1", CraftedImages.RichLibrary(new ElfLayout(ElfClass.Elf64, ElfEndianness.Little, ElfMachine.AArch64)).Build().Bytes);

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Elf));
            Assert.That(inspection.Path, Is.EqualTo(path));
            Assert.That(inspection.Error, Is.Null);
            Assert.That(inspection.File!.MachineName, Is.EqualTo("aarch64"));
            Assert.That(inspection.File.Soname, Is.EqualTo("libcrafted.so.1"));
        });
    }

    [Test]
    public void A_directory_named_like_a_library_is_an_error_that_says_directory()
    {
        var path = _temp.Combine("libfoo.so");
        Directory.CreateDirectory(path);

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Path, Is.EqualTo(path));
            Assert.That(inspection.Error, Does.Contain("directory").IgnoreCase);
        });
    }

    [Test]
    public void A_missing_file_is_an_error_that_says_so()
    {
        var path = _temp.Combine("libmissing.so.1");

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Error, Does.Contain("no such file").IgnoreCase.Or.Contain("not found").IgnoreCase.Or.Contain("does not exist").IgnoreCase);
        });
    }

    [Test]
    public void A_dangling_symlink_is_an_error_that_names_its_target()
    {
        var path = _temp.Combine("libdangling.so.1");
        File.CreateSymbolicLink(path, "libgone.so.1.2.3");

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Path, Is.EqualTo(path));
            Assert.That(inspection.Error, Does.Contain("libgone.so.1.2.3"));
            Assert.That(inspection.Error, Does.Contain("link").IgnoreCase);
        });
    }

    [Test]
    public void A_symlink_to_an_elf_file_gives_the_target_facts_under_the_link_path()
    {
        var target = _temp.File("libreal.so.1.2.3", CraftedImages.GlibcPie().Build().Bytes);
        var link = _temp.Combine("libreal.so.1");
        File.CreateSymbolicLink(link, "libreal.so.1.2.3");

        var viaLink = ElfReader.Inspect(link);
        var direct = ElfReader.Inspect(target);

        Assert.Multiple(() =>
        {
            Assert.That(viaLink.Kind, Is.EqualTo(ElfInspectionKind.Elf));
            Assert.That(viaLink.Path, Is.EqualTo(link));
            Assert.That(ElfFacts.Describe(viaLink.File!), Is.EqualTo(ElfFacts.Describe(direct.File!)));
        });
    }

    [Test]
    public void A_symlink_loop_is_an_error()
    {
        var a = _temp.Combine("liba.so");
        var b = _temp.Combine("libb.so");
        File.CreateSymbolicLink(a, "libb.so");
        File.CreateSymbolicLink(b, "liba.so");

        var inspection = ElfReader.Inspect(a);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Error, Is.Not.Empty);
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void An_unreadable_file_is_an_error_that_says_permission_denied()
    {
        var path = _temp.File("libsecret.so", CraftedImages.GlibcPie().Build().Bytes);
        File.SetUnixFileMode(path, UnixFileMode.None);
        if (CanStillOpen(path))
        {
            Assert.Ignore("Running as root (or with CAP_DAC_OVERRIDE): mode 000 does not stop this process from reading, so unreadability cannot be produced here.");
        }

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Error, Does.Contain("permission").IgnoreCase);
        });
    }

    [Test]
    public void A_named_pipe_does_not_hang_the_reader()
    {
        var path = _temp.Combine("libfifo.so");
        var mkfifo = ExternalTool.Run("mkfifo", [path]);
        Assert.That(mkfifo.ExitCode, Is.Zero, mkfifo.Describe());

        var task = Task.Run(() => ElfReader.Inspect(path));
        var finished = task.Wait(TimeSpan.FromSeconds(10));
        if (!finished)
        {
            // Release the reader blocked in open(2) so the test run itself does not hang.
            using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
        }

        Assert.That(finished, Is.True, "Inspect blocked on a FIFO named like a library: open(2) waits for a writer forever");
        Assert.Multiple(() =>
        {
            Assert.That(task.Result.Kind, Is.EqualTo(ElfInspectionKind.Error).Or.EqualTo(ElfInspectionKind.NotElf));
            Assert.That(task.Result.Path, Is.EqualTo(path));
        });
    }

    [Test]
    public void HasElfMagic_answers_for_elf_and_other_files()
    {
        var elf = _temp.File("a.so", CraftedImages.GlibcPie().Build().Bytes);
        var text = _temp.File("b.so", "INPUT(-lfoo)");
        var empty = _temp.File("c.so", string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(ElfReader.HasElfMagic(elf), Is.True);
            Assert.That(ElfReader.HasElfMagic(text), Is.False);
            Assert.That(ElfReader.HasElfMagic(empty), Is.False);
        });
    }

    private static bool CanStillOpen(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
