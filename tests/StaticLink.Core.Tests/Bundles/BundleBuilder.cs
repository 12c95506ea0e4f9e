using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using StaticLink.Core.Bundles;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// Writes a single-file bundle byte by byte, as the SDK's bundler does: a host containing the placeholder (eight
/// zero bytes and the signature), the entries' bytes appended, then the header and the entry records, and finally
/// the header offset patched into the placeholder. <see cref="Layout"/> records where each structure went, so
/// tests can cut or damage exactly one of them.
/// </summary>
internal sealed class BundleBuilder
{
    private readonly List<(string Path, BundleEntryType Type, byte[] Content, bool Compress)> _entries = [];
    private readonly byte[] _host;

    public BundleBuilder(byte[] host)
    {
        _host = host;
    }

    public uint MajorVersion { get; set; } = 6;

    public uint MinorVersion { get; set; }

    public string BundleId { get; set; } = "TestBundleId";

    public ulong Flags { get; set; }

    /// <summary>Replaces the real file count in the header.</summary>
    public int? DeclaredCount { get; set; }

    /// <summary>Replaces a path's length prefix with these bytes (raw), to write malformed lengths.</summary>
    public byte[]? FirstEntryPathLengthOverride { get; set; }

    /// <summary>A host of <paramref name="length"/> filler bytes with the placeholder at <paramref name="markerOffset"/>.</summary>
    public static byte[] SyntheticHost(int length = 4096, int markerOffset = 1000)
    {
        var host = new byte[length];
        for (var index = 0; index < host.Length; index++)
        {
            host[index] = (byte)(0x40 + (index % 23));
        }

        Array.Clear(host, markerOffset, 8);
        CopySignature(host, markerOffset + 8);
        return host;
    }

    public BundleBuilder Add(string path, BundleEntryType type, byte[] content, bool compress = false)
    {
        _entries.Add((path, type, content, compress));
        return this;
    }

    public BuiltBundle Build()
    {
        var layout = new Layout { MarkerOffset = FindPlaceholder(_host) };
        using var output = new MemoryStream();
        output.Write(_host, 0, _host.Length);
        var stored = new List<(long Offset, long Size, long CompressedSize)>();
        foreach (var (_, _, content, compress) in _entries)
        {
            var offset = output.Position;
            if (compress)
            {
                var deflated = Deflate(content);
                output.Write(deflated, 0, deflated.Length);
                stored.Add((offset, content.Length, deflated.Length));
            }
            else
            {
                output.Write(content, 0, content.Length);
                stored.Add((offset, content.Length, 0));
            }
        }

        layout.HeaderOffset = output.Position;
        var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(MajorVersion);
        writer.Write(MinorVersion);
        layout.CountOffset = output.Position;
        writer.Write(DeclaredCount ?? _entries.Count);
        layout.BundleIdOffset = output.Position;
        WritePath(writer, BundleId, null);
        if (MajorVersion >= 2)
        {
            layout.V2HeaderOffset = output.Position;
            WriteLocation(writer, BundleEntryType.DepsJson, stored);
            WriteLocation(writer, BundleEntryType.RuntimeConfigJson, stored);
            writer.Write(Flags);
        }

        for (var index = 0; index < _entries.Count; index++)
        {
            layout.EntryOffsets.Add(output.Position);
            writer.Write(stored[index].Offset);
            writer.Write(stored[index].Size);
            if (MajorVersion >= 6)
            {
                writer.Write(stored[index].CompressedSize);
            }

            layout.TypeOffsets.Add(output.Position);
            writer.Write((byte)_entries[index].Type);
            layout.PathOffsets.Add(output.Position);
            WritePath(writer, _entries[index].Path, index == 0 ? FirstEntryPathLengthOverride : null);
        }

        writer.Flush();
        var bytes = output.ToArray();
        BitConverter.GetBytes(layout.HeaderOffset).CopyTo(bytes, layout.MarkerOffset);
        for (var index = 0; index < stored.Count; index++)
        {
            layout.Entries.Add(stored[index]);
        }

        return new BuiltBundle(bytes, layout);
    }

    public static byte[] Deflate(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content, 0, content.Length);
        }

        return compressed.ToArray();
    }

    /// <summary>The 7-bit length encoding of BinaryWriter.Write(string), which the bundler uses.</summary>
    public static byte[] EncodeLength(int length) =>
        length < 0x80 ? [(byte)length] : [(byte)((length & 0x7f) | 0x80), (byte)(length >> 7)];

    /// <summary>Writes the bundle signature at <paramref name="at"/>.</summary>
    public static void CopySignature(byte[] target, int at)
    {
        var signature = BundleReader.Signature;
        for (var index = 0; index < signature.Count; index++)
        {
            target[at + index] = signature[index];
        }
    }

    private static int FindPlaceholder(byte[] host)
    {
        var signature = BundleReader.Signature;
        for (var start = 8; start <= host.Length - signature.Count; start++)
        {
            // The placeholder: eight zero bytes (no header offset yet), then the signature.
            var match = BitConverter.ToInt64(host, start - 8) == 0;
            for (var index = 0; index < signature.Count && match; index++)
            {
                match = host[start + index] == signature[index];
            }

            if (match)
            {
                return start - 8;
            }
        }

        throw new InvalidOperationException("The host has no bundle placeholder.");
    }

    private static void WritePath(BinaryWriter writer, string path, byte[]? lengthOverride)
    {
        var bytes = Encoding.UTF8.GetBytes(path);
        writer.Write(lengthOverride ?? EncodeLength(bytes.Length));
        writer.Write(bytes);
    }

    private void WriteLocation(BinaryWriter writer, BundleEntryType type, List<(long Offset, long Size, long CompressedSize)> stored)
    {
        var index = _entries.FindIndex(entry => entry.Type == type);
        writer.Write(index < 0 ? 0L : stored[index].Offset);
        writer.Write(index < 0 ? 0L : stored[index].Size);
    }

    /// <summary>Where the builder put each structure, as offsets in the built file.</summary>
    internal sealed class Layout
    {
        public int MarkerOffset { get; set; }

        public long HeaderOffset { get; set; }

        public long CountOffset { get; set; }

        public long BundleIdOffset { get; set; }

        public long V2HeaderOffset { get; set; }

        public List<long> EntryOffsets { get; } = [];

        public List<long> TypeOffsets { get; } = [];

        public List<long> PathOffsets { get; } = [];

        public List<(long Offset, long Size, long CompressedSize)> Entries { get; } = [];
    }
}
