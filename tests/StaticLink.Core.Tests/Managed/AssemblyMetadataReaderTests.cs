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
/// System.Reflection.Metadata is the ground truth, as readelf is for ELF: every assembly of the running .NET
/// runtime must give the same P/Invoke modules and counts through StaticLink's own reader.
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
    public void Metadata_without_the_BSJB_signature_is_malformed()
    {
        var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
        var signature = IndexOf(bytes, "BSJB"u8.ToArray());
        bytes[signature] = (byte)'X';

        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<AssemblyFormatException>(() => AssemblyMetadataReader.ReadPInvokeModules(stream))!;
        Assert.That(error.Offset, Is.EqualTo(signature));
        Assert.That(error.Reason, Is.EqualTo("the metadata does not start with the BSJB signature"));
    }

    [Test]
    public void An_ImplMap_row_naming_a_missing_ModuleRef_is_malformed()
    {
        // Push every ModuleRef index of the ImplMap rows past the table: read back through TryRead.
        var path = Path.Combine(Path.GetTempPath(), "staticlink-implmap-" + Guid.NewGuid().ToString("N") + ".dll");
        try
        {
            var bytes = File.ReadAllBytes(typeof(PInvokeSamples).Assembly.Location);
            using (var reader = new PEReader(new MemoryStream(bytes)))
            {
                var metadata = reader.GetMetadataReader();
                var tableStart = reader.PEHeaders.MetadataStartOffset + metadata.GetTableMetadataOffset(TableIndex.ImplMap);
                var rowSize = metadata.GetTableRowSize(TableIndex.ImplMap);
                for (var row = 0; row < metadata.GetTableRowCount(TableIndex.ImplMap); row++)
                {
                    var scope = tableStart + (row * rowSize) + rowSize - 2;
                    bytes[scope] = 0xff;
                    bytes[scope + 1] = 0x7f;
                }
            }

            File.WriteAllBytes(path, bytes);

            Assert.That(AssemblyMetadataReader.TryReadPInvokeModules(path, out var modules, out var error), Is.False);
            Assert.That(modules, Is.Null);
            Assert.That(error!.Reason, Does.StartWith("ImplMap row 1 names ModuleRef 32767, but there are"));
        }
        finally
        {
            File.Delete(path);
        }
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
}
