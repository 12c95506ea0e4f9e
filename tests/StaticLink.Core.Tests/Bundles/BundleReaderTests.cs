using System;
using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Core.Bundles;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>Well-formed bundles written byte by byte: every header field and entry comes back as written.</summary>
public class BundleReaderTests
{
    private static readonly byte[] Assembly = Filled(300, 0x11);
    private static readonly byte[] Native = [0x7f, (byte)'E', (byte)'L', (byte)'F', .. Filled(200, 0x22)];
    private static readonly byte[] Deps = Encoding.UTF8.GetBytes("{\"runtimeTarget\":{}}");
    private static readonly byte[] RuntimeConfig = Encoding.UTF8.GetBytes("{\"runtimeOptions\":{}}");

    [Test]
    public void The_signature_is_the_one_the_SDK_writes()
    {
        Assert.That(BundleReader.Signature, Has.Count.EqualTo(32));
        Assert.That(Convert.ToHexString(BundleReader.Signature.ToArray()), Is.EqualTo("8B1202B96A612038727B930214D7A03213F5B9E6EFAE3318EE3B2DCE24B36AAE"));
    }

    [Test]
    public void A_version_6_bundle_lists_every_entry_and_header_field()
    {
        var built = Sample(6).Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.MajorVersion, Is.EqualTo(6));
        Assert.That(manifest.MinorVersion, Is.Zero);
        Assert.That(manifest.BundleId, Is.EqualTo("TestBundleId"));
        Assert.That(manifest.HeaderOffset, Is.EqualTo(built.Layout.HeaderOffset));
        Assert.That(manifest.MarkerOffset, Is.EqualTo(built.Layout.MarkerOffset));
        Assert.That(manifest.Flags, Is.EqualTo(1UL));
        Assert.That(manifest.DepsJson, Is.EqualTo(new BundleLocation(built.Layout.Entries[2].Offset, Deps.Length)));
        Assert.That(manifest.RuntimeConfigJson, Is.EqualTo(new BundleLocation(built.Layout.Entries[3].Offset, RuntimeConfig.Length)));
        Assert.That(manifest.Entries.Select(entry => (entry.RelativePath, entry.Type)), Is.EqualTo(new[]
        {
            ("App.dll", BundleEntryType.Assembly),
            ("runtimes/libnative.so", BundleEntryType.NativeBinary),
            ("App.deps.json", BundleEntryType.DepsJson),
            ("App.runtimeconfig.json", BundleEntryType.RuntimeConfigJson),
            ("App.pdb", BundleEntryType.Symbols),
        }));
        for (var index = 0; index < manifest.Entries.Count; index++)
        {
            var entry = manifest.Entries[index];
            Assert.That((entry.Offset, entry.Size, entry.CompressedSize), Is.EqualTo(built.Layout.Entries[index]), entry.RelativePath);
            Assert.That(entry.ManifestOffset, Is.EqualTo(built.Layout.EntryOffsets[index]));
        }
    }

    [Test]
    public void A_version_2_bundle_has_the_v2_header_but_no_compressed_sizes()
    {
        var built = Sample(2).Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.MajorVersion, Is.EqualTo(2));
        Assert.That(manifest.DepsJson!.Offset, Is.EqualTo(built.Layout.Entries[2].Offset));
        Assert.That(manifest.Entries.Select(entry => entry.CompressedSize), Is.All.Zero);
        Assert.That(manifest.Entries[1].Offset, Is.EqualTo(built.Layout.Entries[1].Offset));
    }

    [Test]
    public void A_version_1_bundle_has_neither_the_v2_header_nor_compressed_sizes()
    {
        var built = Sample(1).Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.MajorVersion, Is.EqualTo(1));
        Assert.That(manifest.DepsJson, Is.Null);
        Assert.That(manifest.Flags, Is.Zero);
        Assert.That(manifest.Entries, Has.Count.EqualTo(5));
        Assert.That(manifest.Entries[4].RelativePath, Is.EqualTo("App.pdb"));
    }

    [Test]
    public void A_later_version_is_read_with_the_version_6_layout_and_keeps_unknown_types()
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()) { MajorVersion = 7 }
            .Add("a.so", BundleEntryType.NativeBinary, Native)
            .Add("future.bin", (BundleEntryType)9, Assembly)
            .Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.Entries[1].Type, Is.EqualTo((BundleEntryType)9));
        Assert.That(BundleNames.EntryType(manifest.Entries[1].Type), Is.EqualTo("type-9"));
        Assert.That(BundleNames.EntryType(manifest.Entries[0].Type), Is.EqualTo("native"));
    }

    [Test]
    public void Paths_of_128_bytes_and_more_use_a_two_byte_length()
    {
        var longPath = "native/" + new string('x', 300) + ".so";
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()) { BundleId = new string('i', 200) }
            .Add(longPath, BundleEntryType.NativeBinary, Native)
            .Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.BundleId, Has.Length.EqualTo(200));
        Assert.That(manifest.Entries.Single().RelativePath, Is.EqualTo(longPath));
    }

    [Test]
    public void Windows_separators_in_paths_become_slashes()
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()).Add("runtimes\\linux-x64\\native\\libx.so", BundleEntryType.NativeBinary, Native).Build();
        using var stream = built.Open();

        Assert.That(BundleReader.Read(stream)!.Entries.Single().RelativePath, Is.EqualTo("runtimes/linux-x64/native/libx.so"));
    }

    [Test]
    public void A_file_without_the_signature_is_not_a_bundle()
    {
        using var stream = new MemoryStream(Filled(10000, 0x33));

        Assert.That(BundleReader.Read(stream), Is.Null);
    }

    [Test]
    public void The_unbundled_placeholder_of_a_plain_apphost_is_not_a_bundle()
    {
        using var stream = new MemoryStream(BundleBuilder.SyntheticHost());

        Assert.That(BundleReader.Read(stream), Is.Null);
    }

    [Test]
    public void The_signature_as_data_with_an_offset_before_it_is_not_a_bundle()
    {
        // E.g. a program that carries the signature as a constant, preceded by an array length.
        var host = BundleBuilder.SyntheticHost();
        BitConverter.GetBytes(32L).CopyTo(host, 1000);
        using var stream = new MemoryStream(host);

        Assert.That(BundleReader.Read(stream), Is.Null);
    }

    [Test]
    public void A_stray_signature_before_the_real_marker_is_passed_over()
    {
        var host = BundleBuilder.SyntheticHost(8192, 6000);
        BundleBuilder.CopySignature(host, 200);
        var built = new BundleBuilder(host).Add("a.so", BundleEntryType.NativeBinary, Native).Build();
        using var stream = built.Open();

        var manifest = BundleReader.Read(stream)!;

        Assert.That(manifest.MarkerOffset, Is.EqualTo(6000));
    }

    [Test]
    public void A_marker_pointing_past_the_end_at_a_plausible_offset_is_a_truncated_bundle()
    {
        var built = Sample(6).Build();
        using var stream = new MemoryStream(built.Truncated(built.Layout.HeaderOffset - 10));

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.MarkerOffset));
        Assert.That(error.Reason, Does.Contain("outside the file").And.Contain("truncated"));
    }

    [TestCase(65536 - 20)]
    [TestCase(65536 - 8)]
    [TestCase(65536 + 3)]
    public void A_marker_across_the_search_buffer_boundary_is_found(int markerOffset)
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost(70000, markerOffset)).Add("a.so", BundleEntryType.NativeBinary, Native).Build();
        using var stream = built.Open();

        Assert.That(BundleReader.Read(stream)!.MarkerOffset, Is.EqualTo(markerOffset));
    }

    [Test]
    public void Only_the_given_regions_are_searched()
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost(8192, 5000)).Add("a.so", BundleEntryType.NativeBinary, Native).Build();
        using var stream = built.Open();

        Assert.That(BundleReader.Read(stream, [new FileRegion(0, 4000)]), Is.Null);
        Assert.That(BundleReader.Read(stream, [new FileRegion(0, 4000), new FileRegion(4900, 200)])!.Entries, Has.Count.EqualTo(1));
        Assert.That(BundleReader.Read(stream, [new FileRegion(4990, 100_000_000)]), Is.Not.Null, "a region past the end is clipped");
    }

    [Test]
    public void A_stored_entry_opens_as_a_window_of_exactly_its_bytes()
    {
        var built = Sample(6).Build();
        using var stream = built.Open();
        var manifest = BundleReader.Read(stream)!;

        using var entry = BundleReader.OpenEntry(stream, manifest.Entries[1]);

        Assert.That(entry.Length, Is.EqualTo(Native.Length));
        Assert.That(ReadAll(entry), Is.EqualTo(Native));
    }

    [Test]
    public void A_compressed_entry_inflates_to_its_declared_bytes()
    {
        var content = Enumerable.Range(0, 100_000).Select(index => (byte)(index % 7)).ToArray();
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()).Add("libz.so", BundleEntryType.NativeBinary, content, compress: true).Build();
        using var stream = built.Open();
        var entry = BundleReader.Read(stream)!.Entries.Single();

        Assert.That(entry.IsCompressed, Is.True);
        Assert.That(entry.StoredSize, Is.LessThan(content.Length / 10));
        using var inflated = BundleReader.OpenEntry(stream, entry);
        Assert.That(inflated.CanSeek, Is.True);
        Assert.That(ReadAll(inflated), Is.EqualTo(content));
    }

    [Test]
    public void TryRead_answers_for_bundles_non_bundles_and_malformed_bundles()
    {
        using var directory = new Scanning.OutputDirectory();
        directory.Write("good", Sample(6).Build().Bytes);
        directory.Write("plain", BundleBuilder.SyntheticHost());
        var bad = Sample(6).Build();
        directory.Write("bad", bad.Truncated(bad.Bytes.Length - 3));

        Assert.That(BundleReader.TryRead(directory.File("good"), out var good, out var noError) && good is not null && noError is null);
        Assert.That(BundleReader.TryRead(directory.File("plain"), out var plain, out _) && plain is null);
        Assert.That(BundleReader.TryRead(directory.File("bad"), out var none, out var error), Is.False);
        Assert.That(none, Is.Null);
        Assert.That(error!.Reason, Does.Contain("truncated"));
    }

    internal static BundleBuilder Sample(uint version) =>
        new BundleBuilder(BundleBuilder.SyntheticHost()) { MajorVersion = version, Flags = version >= 2 ? 1UL : 0 }
            .Add("App.dll", BundleEntryType.Assembly, Assembly)
            .Add("runtimes/libnative.so", BundleEntryType.NativeBinary, Native)
            .Add("App.deps.json", BundleEntryType.DepsJson, Deps)
            .Add("App.runtimeconfig.json", BundleEntryType.RuntimeConfigJson, RuntimeConfig)
            .Add("App.pdb", BundleEntryType.Symbols, Filled(50, 0x44));

    internal static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    internal static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
