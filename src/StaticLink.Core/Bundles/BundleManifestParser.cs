using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticLink.Core.Bundles;

/// <summary>
/// Reads the header and the entry records from the host file through a small buffer. Every count is checked
/// against the bytes left in the file before anything is allocated for it, and every read is bounded by the file.
/// </summary>
internal sealed class BundleManifestParser
{
    private const int BufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly long _length;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferCount;
    private long _position;

    private BundleManifestParser(Stream stream, long start)
    {
        _stream = stream;
        _length = stream.Length;
        _position = start;
    }

    public static BundleManifest Parse(Stream stream, long headerOffset, long markerOffset)
    {
        var length = stream.Length;
        if (headerOffset <= 0 || headerOffset >= length)
        {
            throw new BundleFormatException(
                markerOffset,
                string.Format(CultureInfo.InvariantCulture, "the bundle marker points at a header at offset 0x{0:x}, outside the file ({1} bytes); the bundle is truncated", headerOffset, length));
        }

        return new BundleManifestParser(stream, headerOffset).Parse(headerOffset, markerOffset);
    }

    private BundleManifest Parse(long headerOffset, long markerOffset)
    {
        var major = ReadUInt32("the bundle header");
        var minor = ReadUInt32("the bundle header");
        if (!BundleFormat.IsReadableVersion(major))
        {
            throw new BundleFormatException(
                headerOffset,
                string.Format(CultureInfo.InvariantCulture, "bundle format version {0}.{1} is not one the .NET SDK writes (1, 2 or 6)", major, minor));
        }

        var countOffset = _position;
        var count = ReadInt32("the bundle header");
        if (count <= 0)
        {
            throw new BundleFormatException(countOffset, string.Format(CultureInfo.InvariantCulture, "the bundle header declares {0} files", count));
        }

        var bundleId = ReadPath("the bundle id");
        BundleLocation? deps = null;
        BundleLocation? runtimeConfig = null;
        ulong flags = 0;
        if (major >= BundleFormat.FirstVersionWithV2Header)
        {
            deps = ReadLocation("deps.json");
            runtimeConfig = ReadLocation("runtimeconfig.json");
            flags = ReadUInt64("the bundle header");
        }

        // The count is untrusted: it must fit in what is left of the file before a list is sized by it.
        var minimum = BundleFormat.MinimumEntryLength(major);
        var room = (_length - _position) / minimum;
        if (count > room)
        {
            throw new BundleFormatException(
                countOffset,
                string.Format(CultureInfo.InvariantCulture, "the bundle header declares {0} files, but the {1} bytes after it can hold at most {2} entries (the bundle is truncated, or the count is wrong)", count, _length - _position, room));
        }

        var entries = new List<BundleEntry>(count);
        for (var index = 0; index < count; index++)
        {
            entries.Add(ReadEntry(index, major));
        }

        return new BundleManifest
        {
            HeaderOffset = headerOffset,
            MarkerOffset = markerOffset,
            MajorVersion = major,
            MinorVersion = minor,
            BundleId = bundleId,
            DepsJson = deps,
            RuntimeConfigJson = runtimeConfig,
            Flags = flags,
            Entries = entries,
        };
    }

    private BundleEntry ReadEntry(int index, uint major)
    {
        var start = _position;
        var what = string.Format(CultureInfo.InvariantCulture, "bundle entry {0}", index);
        var offset = ReadInt64(what);
        var size = ReadInt64(what);
        var compressedSize = major >= BundleFormat.FirstVersionWithCompression ? ReadInt64(what) : 0;
        var typeOffset = _position;
        var type = ReadByte(what);
        var path = ReadPath(what + " path");
        what += " (" + path + ")";

        if (offset <= 0 || size < 0 || compressedSize < 0)
        {
            throw new BundleFormatException(
                start,
                string.Format(CultureInfo.InvariantCulture, "{0} has offset {1}, size {2} and compressed size {3}; the offset must be positive and the sizes not negative", what, offset, size, compressedSize));
        }

        var stored = compressedSize != 0 ? compressedSize : size;
        if (offset > _length || stored > _length - offset)
        {
            throw new BundleFormatException(
                start,
                string.Format(CultureInfo.InvariantCulture, "{0} ({1} bytes at offset 0x{2:x}) extends past the end of the file ({3} bytes)", what, stored, offset, _length));
        }

        if (type >= BundleFormat.FirstUnknownType && major <= BundleFormat.NewestKnownVersion)
        {
            throw new BundleFormatException(typeOffset, string.Format(CultureInfo.InvariantCulture, "{0} has unknown type {1}", what, type));
        }

        return new BundleEntry(offset, size, compressedSize, (BundleEntryType)type, path, start);
    }

    private BundleLocation? ReadLocation(string what)
    {
        var start = _position;
        var offset = ReadInt64("the " + what + " location");
        var size = ReadInt64("the " + what + " location");
        if (offset == 0)
        {
            return null;
        }

        if (offset < 0 || size < 0 || offset > _length || size > _length - offset)
        {
            throw new BundleFormatException(
                start,
                string.Format(CultureInfo.InvariantCulture, "the header's {0} location ({1} bytes at offset {2}) is outside the file ({3} bytes)", what, size, offset, _length));
        }

        return new BundleLocation(offset, size);
    }

    /// <summary>A length in 7-bit groups (at most two bytes, as the host reads it), then UTF-8 bytes.</summary>
    private string ReadPath(string what)
    {
        var start = _position;
        var first = ReadByte(what + " length");
        var length = first & 0x7f;
        if ((first & 0x80) != 0)
        {
            var second = ReadByte(what + " length");
            if ((second & 0x80) != 0)
            {
                throw new BundleFormatException(start, what + ": the length takes more than two bytes");
            }

            length |= second << 7;
        }

        if (length == 0 || length > BundleFormat.MaximumPathLength)
        {
            throw new BundleFormatException(
                start,
                string.Format(CultureInfo.InvariantCulture, "{0}: length {1} is zero or longer than {2}", what, length, BundleFormat.MaximumPathLength));
        }

        Ensure(length, what);
        var text = Encoding.UTF8.GetString(_buffer, (int)(_position - _bufferStart), length);
        _position += length;
        return text.Replace('\\', '/');
    }

    private byte ReadByte(string what)
    {
        Ensure(1, what);
        var value = _buffer[_position - _bufferStart];
        _position++;
        return value;
    }

    private uint ReadUInt32(string what) => (uint)ReadLittleEndian(4, what);

    private int ReadInt32(string what) => unchecked((int)(uint)ReadLittleEndian(4, what));

    private long ReadInt64(string what) => unchecked((long)ReadLittleEndian(8, what));

    private ulong ReadUInt64(string what) => ReadLittleEndian(8, what);

    private ulong ReadLittleEndian(int count, string what)
    {
        Ensure(count, what);
        var at = (int)(_position - _bufferStart);
        ulong value = 0;
        for (var index = count - 1; index >= 0; index--)
        {
            value = (value << 8) | _buffer[at + index];
        }

        _position += count;
        return value;
    }

    /// <summary>Makes the next <paramref name="count"/> bytes available in the buffer, or explains that the file ends first.</summary>
    private void Ensure(int count, string what)
    {
        if (count > _length - _position)
        {
            throw new BundleFormatException(
                _position,
                string.Format(CultureInfo.InvariantCulture, "{0} extends past the end of the file ({1} bytes needed, {2} left); the bundle is truncated", what, count, Math.Max(0, _length - _position)));
        }

        if (_position >= _bufferStart && _position + count <= _bufferStart + _bufferCount)
        {
            return;
        }

        _bufferStart = _position;
        _bufferCount = 0;
        _stream.Position = _position;
        var wanted = (int)Math.Min(_buffer.Length, _length - _position);
        while (_bufferCount < wanted)
        {
            var read = _stream.Read(_buffer, _bufferCount, wanted - _bufferCount);
            if (read <= 0)
            {
                break;
            }

            _bufferCount += read;
        }

        if (_bufferCount < count)
        {
            throw new BundleFormatException(_position + _bufferCount, what + ": the file ended early (it may have been truncated while being read)");
        }
    }
}
