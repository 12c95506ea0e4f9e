using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using StaticLink.Core.Elf;
using StaticLink.Core.Managed;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// <see cref="ElfReader.Inspect(string, ElfReadOptions, Action{Stream})"/> hands a file that is not ELF to a second
/// reader through the file it already opened, so that the scanner opens each assembly once: the second reader sees the
/// same bytes, is never handed an ELF or empty file, and its failure reaches the caller as it was thrown.
/// </summary>
public sealed class ElfReaderSameFileReadTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempDirectory();

    [TearDown]
    public void RemoveDirectory() => _temp.Dispose();

    private static bool SharesTheHandle => NonBlockingOpen.IsSupported;

    [Test]
    public void An_assembly_is_read_through_the_same_file_with_the_same_modules_as_a_read_of_its_own()
    {
        Assume.That(SharesTheHandle, "the handle is shared only where files are opened with O_NONBLOCK (Linux)");
        var coreLibrary = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Private.CoreLib.dll");
        IReadOnlyList<PInvokeModule>? modules = null;

        var inspection = ElfReader.Inspect(coreLibrary, ElfReadOptions.Default, stream => modules = AssemblyMetadataReader.ReadPInvokeModules(stream));

        var own = AssemblyMetadataReader.ReadPInvokeModules(coreLibrary)!;
        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.NotElf));
            Assert.That(modules, Is.Not.Null.And.Not.Empty);
            Assert.That(modules!.Select(module => module.Name + ":" + module.ImportCount), Is.EqualTo(own.Select(module => module.Name + ":" + module.ImportCount)));
        });
    }

    [Test]
    public void The_stream_holds_the_whole_file_from_its_first_byte()
    {
        Assume.That(SharesTheHandle, "the handle is shared only where files are opened with O_NONBLOCK (Linux)");
        var contents = Enumerable.Range(0, 10_000).Select(index => (byte)(index * 7)).ToArray();
        var path = _temp.File("data.dll", contents);
        byte[]? seen = null;

        ElfReader.Inspect(path, ElfReadOptions.Default, stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            seen = copy.ToArray();
        });

        Assert.That(seen, Is.EqualTo(contents));
    }

    [Test]
    public void An_elf_file_or_an_empty_file_is_not_handed_on()
    {
        var elf = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libcoreclr.so");
        Assume.That(File.Exists(elf), "the runtime's libcoreclr.so is the ELF file (Linux)");
        var empty = _temp.File("empty.dll", string.Empty);
        var handedOn = new List<string>();

        var elfInspection = ElfReader.Inspect(elf, ElfReadOptions.Default, _ => handedOn.Add(elf));
        var emptyInspection = ElfReader.Inspect(empty, ElfReadOptions.Default, _ => handedOn.Add(empty));

        Assert.Multiple(() =>
        {
            Assert.That(elfInspection.Kind, Is.EqualTo(ElfInspectionKind.Elf));
            Assert.That(emptyInspection.Kind, Is.EqualTo(ElfInspectionKind.NotElf));
            Assert.That(handedOn, Is.Empty);
        });
    }

    [Test]
    public void A_failure_of_the_second_reader_reaches_the_caller_and_is_not_an_elf_error()
    {
        Assume.That(SharesTheHandle, "the handle is shared only where files are opened with O_NONBLOCK (Linux)");
        var path = _temp.File("text.dll", "not an assembly either");

        // An IOException inside Inspect would otherwise become an ElfInspection error: the reader's own catch.
        var thrown = Assert.Throws<IOException>(() => ElfReader.Inspect(path, ElfReadOptions.Default, _ => throw new IOException("the second reader failed")));

        Assert.That(thrown!.Message, Is.EqualTo("the second reader failed"));
    }
}
