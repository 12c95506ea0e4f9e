using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using StaticLink.Core.Managed;

namespace StaticLink.Core.Tests.Managed;

/// <summary>
/// The reader is System.Reflection.Metadata, asked the engine's way (only methods flagged PinvokeImpl, names cached per
/// ModuleRef, modules merged by name); the ground truth asks it the plain way, GetImport() on every method, and every
/// assembly of the running .NET runtime must give the same modules and counts. Damaged files give one
/// AssemblyFormatException with a reason, never the library's exception.
/// </summary>
public class AssemblyMetadataReaderTests
{
    private static string RuntimeDirectory => RuntimeEnvironment.GetRuntimeDirectory();

    public static IEnumerable<string> RuntimeAssemblies() =>
        Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").OrderBy(path => path, StringComparer.Ordinal);

    [Test]
    public void Every_runtime_assembly_gives_the_modules_and_counts_System_Reflection_Metadata_gives()
    {
        var checkedAssemblies = 0;
        var withImports = 0;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in RuntimeAssemblies())
        {
            var expected = ExpectedModules(path);
            var actual = AssemblyMetadataReader.ReadPInvokeModules(path);
            if (expected is null)
            {
                Assert.That(actual, Is.Null, path);
                continue;
            }

            Assert.That(actual, Is.Not.Null, path);
            Assert.That(actual!.ToDictionary(module => module.Name, module => module.ImportCount), Is.EquivalentTo(expected), path);
            checkedAssemblies++;
            withImports += actual.Count > 0 ? 1 : 0;
            names.UnionWith(actual.Select(module => module.Name));
        }

        TestContext.Out.WriteLine($"{checkedAssemblies} assemblies compared, {withImports} with P/Invoke imports: {string.Join(", ", names)}");
        Assert.That(checkedAssemblies, Is.GreaterThan(100));
        Assert.That(withImports, Is.GreaterThan(10));
    }

    [Test]
    public void CoreLib_imports_from_the_runtime_shims_and_QCall()
    {
        var modules = AssemblyMetadataReader.ReadPInvokeModules(Path.Combine(RuntimeDirectory, "System.Private.CoreLib.dll"))!;

        Assert.That(modules.Select(module => module.Name), Does.Contain("libSystem.Native").And.Contain("QCall"));
        var native = modules.Single(module => module.Name == "libSystem.Native");
        Assert.That(native.ImportCount, Is.GreaterThan(50));
        Assert.That(native.EntryPoints, Has.Count.EqualTo(AssemblyMetadataReader.EntryPointsKept));
        Assert.That(native.EntryPoints, Is.All.StartsWith("SystemNative_"));
    }

    [Test]
    public void This_test_assembly_names_its_own_DllImport_and_LibraryImport_targets()
    {
        var modules = AssemblyMetadataReader.ReadPInvokeModules(typeof(PInvokeSamples).Assembly.Location)!;

        var gdiplus = modules.Single(module => module.Name == "libgdiplus");
        Assert.That(gdiplus.EntryPoints, Is.EquivalentTo(new[] { "GdiplusStartup" }));
        Assert.That(modules.Single(module => module.Name == "libz").EntryPoints, Is.EquivalentTo(new[] { "zlibVersion" }));
    }

    [Test]
    public void A_native_ELF_file_and_a_text_file_are_not_assemblies()
    {
        Assert.That(AssemblyMetadataReader.ReadPInvokeModules(Path.Combine(RuntimeDirectory, "libcoreclr.so")), Is.Null);
        using var text = new MemoryStream("MZ is how this text starts, but it is no PE file at all, not even close to one."u8.ToArray());
        Assert.That(AssemblyMetadataReader.ReadPInvokeModules(text), Is.Null);
        using var empty = new MemoryStream([]);
        Assert.That(AssemblyMetadataReader.ReadPInvokeModules(empty), Is.Null);
    }

    [Test]
    public void A_PE_file_without_a_CLI_header_is_a_native_DLL_not_an_assembly()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        var pe = BitConverter.ToInt32(bytes, 0x3c);
        var optional = pe + 4 + 20;
        var directories = BitConverter.ToUInt16(bytes, optional) == 0x20b ? optional + 112 : optional + 96;
        Array.Clear(bytes, directories + (14 * 8), 8);

        using var stream = new MemoryStream(bytes);
        Assert.That(AssemblyMetadataReader.ReadPInvokeModules(stream), Is.Null);
    }

    [Test]
    public void Metadata_without_the_BSJB_signature_is_malformed_at_the_start_of_the_metadata()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        var signature = IndexOf(bytes, "BSJB"u8.ToArray());
        bytes[signature] = (byte)'X';

        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Offset, Is.EqualTo(signature));
        Assert.That(error.Reason, Does.StartWith("the metadata is malformed (").And.Not.EndWith(".)"));
        Assert.That(error.InnerException, Is.InstanceOf<BadImageFormatException>());
    }

    [Test]
    public void An_ImplMap_row_naming_a_missing_ModuleRef_is_malformed()
    {
        // Push every ModuleRef index of the ImplMap rows past the table.
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        long tableStart;
        using (var reader = new PEReader(new MemoryStream(bytes)))
        {
            var metadata = reader.GetMetadataReader();
            tableStart = reader.PEHeaders.MetadataStartOffset + metadata.GetTableMetadataOffset(TableIndex.ImplMap);
            var rowSize = metadata.GetTableRowSize(TableIndex.ImplMap);
            Assert.That(metadata.GetTableRowCount(TableIndex.ModuleRef), Is.LessThan(0x10000), "two-byte ModuleRef indexes, the last column of a row");
            for (var row = 0; row < metadata.GetTableRowCount(TableIndex.ImplMap); row++)
            {
                var scope = (int)tableStart + (row * rowSize) + rowSize - 2;
                bytes[scope] = 0xff;
                bytes[scope + 1] = 0x7f;
            }
        }

        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Reason, Does.Match("^the ImplMap row of P/Invoke method \\w+ names ModuleRef 32767, but there are [1-9][0-9]*$"));
        Assert.That(error.Offset, Is.EqualTo(tableStart));
    }

    [Test]
    public void An_assembly_cut_short_says_where_the_file_ends()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        using var whole = new PEReader(new MemoryStream(bytes));
        var headers = whole.PEHeaders;
        var dataEnd = headers.SectionHeaders.Max(section => section.PointerToRawData + section.SizeOfRawData);

        // Just after the headers, before the CLI header, inside the metadata.
        foreach (var length in new[] { headers.PEHeader!.SizeOfHeaders + 1, headers.CorHeaderStartOffset + 8, headers.MetadataStartOffset + (headers.MetadataSize / 2) })
        {
            using var stream = new MemoryStream(bytes[..length]);
            var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
            Assert.That(error.Offset, Is.EqualTo(length));
            Assert.That(error.Reason, Is.EqualTo($"the data of its sections runs to offset 0x{dataEnd:x}, past the end of the file: it was cut short"));
        }
    }

    [Test]
    public void An_assembly_cut_inside_its_section_table_says_so()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        using var whole = new PEReader(new MemoryStream(bytes));
        var tableEnd = whole.PEHeaders.PEHeaderStartOffset + whole.PEHeaders.CoffHeader.SizeOfOptionalHeader + (40 * whole.PEHeaders.CoffHeader.NumberOfSections);

        using var stream = new MemoryStream(bytes[..(tableEnd - 1)]);
        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Offset, Is.EqualTo(tableEnd - 1));
        Assert.That(error.Reason, Is.EqualTo($"its PE section table runs to offset 0x{tableEnd:x}, past the end of the file: it was cut short"));
    }

    [Test]
    public void Complete_headers_that_System_Reflection_Metadata_rejects_give_its_reason_and_no_offset()
    {
        // A CLI header shorter than its 72 bytes: every byte is there, the value is wrong.
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        var pe = BitConverter.ToInt32(bytes, 0x3c);
        var optional = pe + 4 + 20;
        var directories = BitConverter.ToUInt16(bytes, optional) == 0x20b ? optional + 112 : optional + 96;
        BitConverter.GetBytes(8).CopyTo(bytes, directories + (14 * 8) + 4);

        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Offset, Is.Null);
        Assert.That(error.Reason, Does.StartWith("its PE headers are malformed (").And.Not.EndWith(".)"));
        Assert.That(error.Message, Is.EqualTo(error.Reason), "no offset to add");
    }

    [Test]
    public void An_assembly_that_shrinks_while_it_is_read_is_malformed_not_an_IO_error()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        using var whole = new PEReader(new MemoryStream(bytes));
        using var stream = new ShrinkingStream(bytes, whole.PEHeaders.MetadataStartOffset + 16);

        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Reason, Is.EqualTo("the file ended early (it may have been truncated while being read)"));
        Assert.That(error.InnerException, Is.InstanceOf<EndOfStreamException>());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var start = 0; start <= haystack.Length - needle.Length; start++)
        {
            if (haystack.AsSpan(start, needle.Length).SequenceEqual(needle))
            {
                return start;
            }
        }

        throw new InvalidOperationException("not found");
    }

    private static Dictionary<string, int>? ExpectedModules(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        if (!reader.HasMetadata)
        {
            return null;
        }

        var metadata = reader.GetMetadataReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var handle in metadata.MethodDefinitions)
        {
            var import = metadata.GetMethodDefinition(handle).GetImport();
            if (import.Module.IsNil)
            {
                continue;
            }

            var name = metadata.GetString(metadata.GetModuleReference(import.Module).Name);
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        Assert.That(counts.Values.Sum(), Is.EqualTo(metadata.GetTableRowCount(TableIndex.ImplMap)), path + ": every ImplMap row belongs to a method");
        return counts;
    }

    /// <summary>Says it holds every byte, serves only the first few: a file cut while it is being read.</summary>
    private sealed class ShrinkingStream(byte[] bytes, int served) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Left));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, Left)]);

        private int Left => Math.Max(0, served - (int)Position);
    }
}
