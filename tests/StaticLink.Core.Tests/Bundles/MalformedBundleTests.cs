using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Core.Bundles;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// Damaged bundles raise BundleFormatException with the offset and the reason, and nothing else: every
/// truncation, every bad count and length, and a seeded loop of random damage. Counts are checked against the
/// file before anything is allocated, so a huge count fails at once.
/// </summary>
public class MalformedBundleTests
{
    [Test]
    public void Every_truncation_after_the_host_is_a_format_error_with_an_offset_inside_the_file()
    {
        var built = BundleReaderTests.Sample(6).Build();
        var hostLength = BundleBuilder.SyntheticHost().Length;
        var reasons = new HashSet<string>();
        for (var length = hostLength; length < built.Bytes.Length; length++)
        {
            using var stream = new MemoryStream(built.Truncated(length));

            var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream), $"cut at {length}")!;

            Assert.That(error.Offset, Is.InRange(built.Layout.MarkerOffset, length), $"cut at {length}");
            Assert.That(error.Reason, Does.Contain("truncated").Or.Contain("past the end"), $"cut at {length}");
            Assert.That(error.Message, Does.Contain($"(at offset 0x{error.Offset:x})"));
            reasons.Add(error.Reason.Split(' ')[0] + " " + error.Reason.Split(' ')[1]);
        }

        TestContext.Out.WriteLine(string.Join("\n", reasons));
    }

    [TestCase(nameof(BundleBuilder.Layout.CountOffset), "the bundle header")]
    [TestCase(nameof(BundleBuilder.Layout.BundleIdOffset), "the bundle id")]
    [TestCase(nameof(BundleBuilder.Layout.V2HeaderOffset), "the deps.json location")]
    public void A_cut_inside_each_header_structure_names_the_structure(string structure, string expectedBefore)
    {
        var built = BundleReaderTests.Sample(6).Build();
        var at = structure switch
        {
            nameof(BundleBuilder.Layout.CountOffset) => built.Layout.CountOffset + 2,
            nameof(BundleBuilder.Layout.BundleIdOffset) => built.Layout.BundleIdOffset + 1,
            _ => built.Layout.V2HeaderOffset + 4,
        };
        using var stream = new MemoryStream(built.Truncated(at));

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Reason, Does.StartWith(expectedBefore));
    }

    [Test]
    public void A_cut_inside_an_entry_record_names_the_entry()
    {
        // A long first path leaves room for the declared count, so the cut is found inside the second record.
        var built = new BundleBuilder(BundleBuilder.SyntheticHost())
            .Add("lib/" + new string('a', 200) + ".so", BundleEntryType.NativeBinary, [1])
            .Add("libb.so", BundleEntryType.NativeBinary, [2])
            .Build();
        using var stream = new MemoryStream(built.Truncated(built.Layout.EntryOffsets[1] + 12));

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Reason, Does.StartWith("bundle entry 1 extends past the end of the file (8 bytes needed, 4 left)"));
        Assert.That(error.Offset, Is.EqualTo(built.Layout.EntryOffsets[1] + 8));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void A_count_of_no_files_is_rejected(int count)
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()) { DeclaredCount = count }.Add("a.so", BundleEntryType.NativeBinary, [1, 2, 3]).Build();
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.CountOffset));
        Assert.That(error.Reason, Is.EqualTo($"the bundle header declares {count} files"));
    }

    [TestCase(int.MaxValue)]
    [TestCase(1_000_000)]
    [TestCase(100)]
    public void A_count_the_rest_of_the_file_cannot_hold_is_rejected_before_reading_entries(int count)
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()) { DeclaredCount = count }.Add("a.so", BundleEntryType.NativeBinary, [1, 2, 3]).Build();
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.CountOffset));
        Assert.That(error.Reason, Does.StartWith($"the bundle header declares {count} files, but the ").And.Contain("can hold at most 1 entries"));
    }

    [Test]
    public void One_file_more_than_written_runs_into_the_end_of_the_file()
    {
        var built = BundleReaderTests.Sample(6).Build();
        built.Bytes[built.Layout.CountOffset] = 6;
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Reason, Does.Contain("bundle entry 5"));
    }

    [TestCase(new byte[] { 0x80, 0x80, 0x01 }, "takes more than two bytes")]
    [TestCase(new byte[] { 0x00 }, "length 0 is zero or longer than 4096")]
    [TestCase(new byte[] { 0x81, 0x20 }, "length 4097 is zero or longer than 4096")]
    [TestCase(new byte[] { 0xff, 0x1f }, "extends past the end of the file")]
    public void A_bad_path_length_is_rejected_at_the_path(byte[] length, string reason)
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()) { FirstEntryPathLengthOverride = length }
            .Add("libfirst.so", BundleEntryType.NativeBinary, [1, 2, 3])
            .Build();
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Reason, Does.StartWith("bundle entry 0 path").And.Contain(reason));
        Assert.That(error.Offset, Is.InRange(built.Layout.PathOffsets[0], built.Bytes.Length));
    }

    [TestCase(0L, "the offset must be positive")]
    [TestCase(-5L, "the offset must be positive")]
    [TestCase(1L << 40, "extends past the end of the file")]
    public void An_entry_offset_outside_the_file_is_rejected(long offset, string reason)
    {
        var built = BundleReaderTests.Sample(6).Build();
        BitConverter.GetBytes(offset).CopyTo(built.Bytes, built.Layout.EntryOffsets[1]);
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.EntryOffsets[1]));
        Assert.That(error.Reason, Does.StartWith("bundle entry 1 (runtimes/libnative.so)").And.Contain(reason));
    }

    [TestCase(8, -1L, "the sizes not negative")]
    [TestCase(8, long.MaxValue, "extends past the end of the file")]
    [TestCase(16, -7L, "the sizes not negative")]
    [TestCase(16, long.MaxValue, "extends past the end of the file")]
    public void An_entry_size_outside_the_file_is_rejected(int field, long value, string reason)
    {
        var built = BundleReaderTests.Sample(6).Build();
        BitConverter.GetBytes(value).CopyTo(built.Bytes, built.Layout.EntryOffsets[0] + field);
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Reason, Does.StartWith("bundle entry 0 (App.dll)").And.Contain(reason));
    }

    [Test]
    public void An_unknown_entry_type_is_rejected_up_to_version_6()
    {
        var built = BundleReaderTests.Sample(6).Build();
        built.Bytes[built.Layout.TypeOffsets[2]] = 6;
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.TypeOffsets[2]));
        Assert.That(error.Reason, Is.EqualTo("bundle entry 2 (App.deps.json) has unknown type 6"));
    }

    [TestCase(0u)]
    [TestCase(3u)]
    [TestCase(5u)]
    public void A_version_the_SDK_never_wrote_is_rejected(uint version)
    {
        var built = BundleReaderTests.Sample(6).Build();
        BitConverter.GetBytes(version).CopyTo(built.Bytes, built.Layout.HeaderOffset);
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.HeaderOffset));
        Assert.That(error.Reason, Does.StartWith($"bundle format version {version}.0 is not one the .NET SDK writes"));
    }

    [Test]
    public void A_deps_json_location_outside_the_file_is_rejected()
    {
        var built = BundleReaderTests.Sample(6).Build();
        BitConverter.GetBytes(1L << 50).CopyTo(built.Bytes, built.Layout.V2HeaderOffset + 8);
        using var stream = built.Open();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.Read(stream))!;

        Assert.That(error.Offset, Is.EqualTo(built.Layout.V2HeaderOffset));
        Assert.That(error.Reason, Does.StartWith("the header's deps.json location"));
    }

    [TestCase(+1, "less than the")]
    [TestCase(-1, "more than the")]
    public void A_compressed_entry_that_inflates_to_another_size_is_rejected(int difference, string reason)
    {
        var content = Enumerable.Range(0, 5000).Select(index => (byte)index).ToArray();
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()).Add("libc.so", BundleEntryType.NativeBinary, content, compress: true).Build();
        BitConverter.GetBytes((long)(content.Length + difference)).CopyTo(built.Bytes, built.Layout.EntryOffsets[0] + 8);
        using var stream = built.Open();
        var entry = BundleReader.Read(stream)!.Entries.Single();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.OpenEntry(stream, entry).Dispose())!;

        Assert.That(error.Reason, Does.StartWith("compressed entry libc.so inflates to").And.Contain(reason));
        Assert.That(error.Offset, Is.EqualTo(entry.Offset));
    }

    [Test]
    public void Compressed_bytes_that_are_not_deflate_data_are_rejected()
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()).Add("libc.so", BundleEntryType.NativeBinary, new byte[4000], compress: true).Build();
        var entryOffset = (int)built.Layout.Entries[0].Offset;
        for (var index = 0; index < built.Layout.Entries[0].CompressedSize; index++)
        {
            built.Bytes[entryOffset + index] = 0xff;
        }

        using var stream = built.Open();
        var entry = BundleReader.Read(stream)!.Entries.Single();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.OpenEntry(stream, entry).Dispose())!;

        Assert.That(error.Reason, Does.StartWith("compressed entry libc.so is not valid deflate data"));
    }

    [Test]
    public void A_compressed_entry_declaring_more_than_the_inflate_limit_is_not_inflated()
    {
        var built = new BundleBuilder(BundleBuilder.SyntheticHost()).Add("libhuge.so", BundleEntryType.NativeBinary, new byte[100], compress: true).Build();
        BitConverter.GetBytes(BundleReader.MaximumInflatedSize + 1).CopyTo(built.Bytes, built.Layout.EntryOffsets[0] + 8);
        using var stream = built.Open();
        var entry = BundleReader.Read(stream)!.Entries.Single();

        var error = Assert.Throws<BundleFormatException>(() => BundleReader.OpenEntry(stream, entry).Dispose())!;

        Assert.That(error.Reason, Does.Contain("more than the 1073741824 bytes StaticLink inflates"));
    }

    [TestCase(1, 6u)]
    [TestCase(2, 2u)]
    [TestCase(3, 1u)]
    public void Random_damage_to_the_manifest_never_escapes_as_another_exception(int seed, uint version)
    {
        var content = Enumerable.Range(0, 3000).Select(index => (byte)(index % 13)).ToArray();
        var original = new BundleBuilder(BundleBuilder.SyntheticHost()) { MajorVersion = version }
            .Add("App.dll", BundleEntryType.Assembly, content)
            .Add("libnative.so", BundleEntryType.NativeBinary, content, compress: version >= 6)
            .Add("libother.so", BundleEntryType.NativeBinary, content)
            .Build();
        var random = new Random(seed);
        int read = 0, rejected = 0;
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Bytes.Clone();
            var changes = random.Next(1, 6);
            for (var change = 0; change < changes; change++)
            {
                // Mostly the manifest; sometimes the marker or the compressed data.
                var from = random.Next(5) == 0 ? original.Layout.MarkerOffset : (int)original.Layout.HeaderOffset;
                bytes[random.Next(from, bytes.Length)] = (byte)random.Next(256);
            }

            using var stream = new MemoryStream(bytes, writable: false);
            try
            {
                var manifest = BundleReader.Read(stream);
                foreach (var entry in manifest?.Entries ?? [])
                {
                    using var opened = BundleReader.OpenEntry(stream, entry);
                    Assert.That(opened.Length, Is.EqualTo(entry.Size));
                }

                read++;
            }
            catch (BundleFormatException exception)
            {
                Assert.That(exception.Offset, Is.InRange(0, bytes.Length), exception.Message);
                rejected++;
            }
        }

        TestContext.Out.WriteLine($"{read} read, {rejected} rejected");
        Assert.That(rejected, Is.GreaterThan(100));
        Assert.That(read, Is.GreaterThan(10));
    }
}
