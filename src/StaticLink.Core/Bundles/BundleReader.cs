using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Bundles;

/// <summary>
/// Reads .NET single-file bundles (PublishSingleFile): an apphost with the app's files appended and a manifest at
/// the end, found through a marker inside the host (the header offset followed by the bundle signature).
/// A host without the marker, or with the unbundled placeholder (offset 0), is not a bundle: the answer is null.
/// A marker that points at something malformed raises <see cref="BundleFormatException"/> and nothing else;
/// I/O problems raise the usual <see cref="IOException"/> family.
/// </summary>
public static class BundleReader
{
    /// <summary>Compressed entries are inflated in memory up to this size, into a temporary file beyond it.</summary>
    public const long InMemoryInflateLimit = 32L * 1024 * 1024;

    /// <summary>A compressed entry declaring more than this is not inflated (a deflate bomb must not fill the disk).</summary>
    public const long MaximumInflatedSize = 1024L * 1024 * 1024;

    /// <summary>No bundle is 64 GiB: a marker pointing further is data that happens to look like one, not a truncated bundle.</summary>
    private const long LargestPlausibleOffset = 64L * 1024 * 1024 * 1024;

    private const int SearchBufferSize = 64 * 1024;

    /// <summary>The 32 signature bytes that follow the header offset in a bundle host.</summary>
    public static IReadOnlyList<byte> Signature { get; } = new ReadOnlyCollection<byte>(BundleFormat.Signature);

    /// <summary>The manifest of the bundle at <paramref name="path"/>, or null when the file is not a bundle.</summary>
    public static BundleManifest? Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream);
    }

    /// <summary>Searches the whole stream for the marker; null when it is not a bundle.</summary>
    public static BundleManifest? Read(Stream host) => Read(host, null);

    /// <summary>
    /// Searches only <paramref name="searchRegions"/> for the marker, e.g. the
    /// <see cref="MarkerRegions(ElfFile)"/> of an ELF host; null when it is not a bundle.
    /// </summary>
    public static BundleManifest? Read(Stream host, IReadOnlyList<FileRegion>? searchRegions)
    {
        CheckStream(host);
        var marker = FindMarker(host, searchRegions);
        return marker is null ? null : ReadManifest(host, marker.Value.HeaderOffset, marker.Value.MarkerOffset);
    }

    /// <summary>Reads a file; a malformed bundle gives false and the reason; a file that is no bundle gives true and null.</summary>
    public static bool TryRead(string path, out BundleManifest? manifest, out BundleFormatException? error)
    {
        try
        {
            manifest = Read(path);
            error = null;
            return true;
        }
        catch (BundleFormatException exception)
        {
            manifest = null;
            error = exception;
            return false;
        }
    }

    /// <summary>Reads the header and entries at <paramref name="headerOffset"/> (the value stored before the signature).</summary>
    public static BundleManifest ReadManifest(Stream host, long headerOffset, long markerOffset = 0)
    {
        CheckStream(host);
        return BundleManifestParser.Parse(host, headerOffset, markerOffset);
    }

    /// <summary>
    /// Where the marker of an ELF host can be: the placeholder is an initialised static array of the apphost, so it
    /// lies in a writable loaded segment. Searching only there keeps the check cheap on large executables.
    /// </summary>
    public static IReadOnlyList<FileRegion> MarkerRegions(ElfFile host)
    {
        if (host is null)
        {
            throw new ArgumentNullException(nameof(host));
        }

        var regions = new List<FileRegion>();
        foreach (var header in host.ProgramHeaders)
        {
            if (header.Type != ElfConstants.PT_LOAD || (header.Flags & ElfConstants.PF_W) == 0 || header.FileSize == 0 || header.Offset >= (ulong)host.Length)
            {
                continue;
            }

            var available = (ulong)host.Length - header.Offset;
            regions.Add(new FileRegion((long)header.Offset, (long)Math.Min(header.FileSize, available)));
        }

        return regions;
    }

    /// <summary>
    /// The bytes of one entry as a seekable stream of exactly <see cref="BundleEntry.Size"/> bytes: a window of the
    /// host for stored entries, the inflated bytes for compressed ones. The host stream must stay open while the
    /// window is used; dispose the result.
    /// </summary>
    public static Stream OpenEntry(Stream host, BundleEntry entry)
    {
        CheckStream(host);
        if (entry is null)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        if (entry.Offset < 0 || entry.StoredSize < 0 || entry.Offset > host.Length || entry.StoredSize > host.Length - entry.Offset)
        {
            throw new BundleFormatException(entry.ManifestOffset, $"entry {entry.RelativePath} extends past the end of the file");
        }

        if (!entry.IsCompressed)
        {
            return new SubStream(host, entry.Offset, entry.Size);
        }

        return Inflate(host, entry);
    }

    private static Stream Inflate(Stream host, BundleEntry entry)
    {
        if (entry.Size > MaximumInflatedSize)
        {
            throw new BundleFormatException(
                entry.ManifestOffset,
                string.Format(CultureInfo.InvariantCulture, "compressed entry {0} declares {1} bytes, more than the {2} bytes StaticLink inflates", entry.RelativePath, entry.Size, MaximumInflatedSize));
        }

        Stream target = entry.Size <= InMemoryInflateLimit
            ? new MemoryStream((int)entry.Size)
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            using (var deflate = new DeflateStream(new SubStream(host, entry.Offset, entry.CompressedSize), CompressionMode.Decompress))
            {
                CopyExactly(deflate, target, entry);
            }

            target.Position = 0;
            return target;
        }
        catch (InvalidDataException exception)
        {
            target.Dispose();
            throw new BundleFormatException(entry.Offset, $"compressed entry {entry.RelativePath} is not valid deflate data: {exception.Message}", exception);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Inflates exactly the declared size: more or less data than declared is a malformed entry.</summary>
    private static void CopyExactly(Stream source, Stream target, BundleEntry entry)
    {
        var buffer = new byte[64 * 1024];
        var remaining = entry.Size;
        while (remaining > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read <= 0)
            {
                throw new BundleFormatException(
                    entry.Offset,
                    string.Format(CultureInfo.InvariantCulture, "compressed entry {0} inflates to {1} bytes, less than the {2} declared", entry.RelativePath, entry.Size - remaining, entry.Size));
            }

            target.Write(buffer, 0, read);
            remaining -= read;
        }

        if (source.Read(buffer, 0, 1) > 0)
        {
            throw new BundleFormatException(
                entry.Offset,
                string.Format(CultureInfo.InvariantCulture, "compressed entry {0} inflates to more than the {1} bytes declared", entry.RelativePath, entry.Size));
        }
    }

    /// <summary>
    /// The first marker whose header offset is plausible: a bundle's header is appended after the host image, so it
    /// lies after the marker, inside the file. The unbundled placeholder (offset 0) and the same 32 bytes occurring
    /// as data elsewhere (after an array length, a pointer, text) are passed over. When no marker points inside
    /// the file, one pointing past its end at an offset a real bundle could have is a truncated bundle.
    /// </summary>
    private static (long MarkerOffset, long HeaderOffset)? FindMarker(Stream host, IReadOnlyList<FileRegion>? regions)
    {
        var length = host.Length;
        var buffer = new byte[SearchBufferSize];
        (long, long)? truncated = null;
        foreach (var (offset, regionLength) in regions ?? [new FileRegion(0, length)])
        {
            if (offset < 0 || regionLength <= 0 || offset >= length)
            {
                continue;
            }

            var end = offset + Math.Min(regionLength, length - offset);
            foreach (var (markerOffset, headerOffset) in SearchRegion(host, buffer, offset, end))
            {
                if (headerOffset <= markerOffset + BundleFormat.MarkerLength)
                {
                    continue;
                }

                if (headerOffset < length)
                {
                    return (markerOffset, headerOffset);
                }

                if (headerOffset <= LargestPlausibleOffset)
                {
                    truncated ??= (markerOffset, headerOffset);
                }
            }
        }

        return truncated;
    }

    /// <summary>Every (marker offset, header offset) whose signature lies in [start, end).</summary>
    private static IEnumerable<(long MarkerOffset, long HeaderOffset)> SearchRegion(Stream host, byte[] buffer, long start, long end)
    {
        var signature = BundleFormat.Signature;
        var chunkStart = start;
        while (chunkStart < end)
        {
            var count = (int)Math.Min(buffer.Length, end - chunkStart);
            count = ReadAt(host, chunkStart, buffer, count);
            if (count < signature.Length)
            {
                yield break;
            }

            var last = count - signature.Length;
            var at = 0;
            while (at <= last)
            {
                var candidate = Array.IndexOf(buffer, signature[0], at, last - at + 1);
                if (candidate < 0)
                {
                    break;
                }

                // The consumer may read the stream before the next hit is looked for: ReadAt positions every read,
                // and reading the header offset uses a buffer of its own.
                var markerOffset = chunkStart + candidate - BundleFormat.HeaderOffsetLength;
                if (Matches(buffer, candidate, signature) && markerOffset >= 0)
                {
                    yield return (markerOffset, ReadInt64At(host, markerOffset));
                }

                at = candidate + 1;
            }

            if (chunkStart + count >= end)
            {
                yield break;
            }

            // Overlap so that a signature across two chunks is still seen.
            chunkStart += count - (signature.Length - 1);
        }
    }

    private static bool Matches(byte[] buffer, int at, byte[] signature)
    {
        for (var index = 1; index < signature.Length; index++)
        {
            if (buffer[at + index] != signature[index])
            {
                return false;
            }
        }

        return true;
    }

    private static long ReadInt64At(Stream host, long offset)
    {
        var bytes = new byte[8];
        if (ReadAt(host, offset, bytes, 8) < 8)
        {
            return 0;
        }

        return BitConverter.ToInt64(ToLittleEndian(bytes), 0);
    }

    private static byte[] ToLittleEndian(byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }

    private static int ReadAt(Stream stream, long offset, byte[] buffer, int count)
    {
        stream.Position = offset;
        var filled = 0;
        while (filled < count)
        {
            var read = stream.Read(buffer, filled, count - filled);
            if (read <= 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static void CheckStream(Stream host)
    {
        if (host is null)
        {
            throw new ArgumentNullException(nameof(host));
        }

        if (!host.CanSeek || !host.CanRead)
        {
            throw new ArgumentException("The bundle reader needs a readable, seekable stream.", nameof(host));
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
}
