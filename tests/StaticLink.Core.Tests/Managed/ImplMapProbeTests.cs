using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using StaticLink.Core.Managed;

namespace StaticLink.Core.Tests.Managed;

/// <summary>
/// The probe may only ever say "no P/Invokes" when System.Reflection.Metadata finds no ImplMap row; anything it
/// cannot read goes to the library, which reports it.
/// </summary>
public class ImplMapProbeTests
{
    [Test]
    public void It_agrees_with_System_Reflection_Metadata_on_every_runtime_assembly()
    {
        var without = 0;
        var with = 0;
        foreach (var path in AssemblyMetadataReaderTests.RuntimeAssemblies())
        {
            using var stream = File.OpenRead(path);
            using var image = new PEReader(stream, PEStreamOptions.LeaveOpen);
            if (!image.HasMetadata)
            {
                Assert.That(ImplMapProbe.HasNoPInvokes(stream), Is.False, "not an assembly: " + path);
                continue;
            }

            var rows = image.GetMetadataReader().GetTableRowCount(TableIndex.ImplMap);
            Assert.That(ImplMapProbe.HasNoPInvokes(stream), Is.EqualTo(rows == 0), path);
            without += rows == 0 ? 1 : 0;
            with += rows == 0 ? 0 : 1;
        }

        TestContext.Out.WriteLine($"{without} assemblies without ImplMap, {with} with");
        Assert.That(without, Is.GreaterThan(100));
        Assert.That(with, Is.GreaterThan(10));
    }

    [Test]
    public void Damaged_or_cut_short_metadata_is_left_to_the_library()
    {
        var path = AssemblyMetadataReaderTests.RuntimeAssemblies().First(candidate => Path.GetFileName(candidate) == "System.Collections.dll");
        var bytes = File.ReadAllBytes(path);
        Assert.That(ImplMapProbe.HasNoPInvokes(new MemoryStream(bytes)), Is.True, "the intact file has no ImplMap");

        using var headerStream = new MemoryStream(bytes);
        var start = new PEHeaders(headerStream).MetadataStartOffset;
        var unsigned = (byte[])bytes.Clone();
        unsigned[start] ^= 0xFF;
        Assert.That(ImplMapProbe.HasNoPInvokes(new MemoryStream(unsigned)), Is.False, "no BSJB signature");
        Assert.That(ImplMapProbe.HasNoPInvokes(new MemoryStream(bytes, 0, start + 8)), Is.False, "cut inside the metadata root");
        Assert.That(ImplMapProbe.HasNoPInvokes(new MemoryStream(bytes, 0, bytes.Length / 2)), Is.False, "cut inside the metadata");
        Assert.That(ImplMapProbe.HasNoPInvokes(new MemoryStream(bytes, 0, 100)), Is.False, "cut inside the PE headers");
    }
}
