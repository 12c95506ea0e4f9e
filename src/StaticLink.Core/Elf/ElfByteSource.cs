using System;
using System.IO;

namespace StaticLink.Core.Elf;

/// <summary>
/// Bounded random access to the bytes of a file. Every read is checked against the file's length before anything is
/// allocated, so an untrusted offset or count can at worst produce an <see cref="ElfFormatException"/>.
/// </summary>
internal sealed class ElfByteSource
{
    // The ELF header and program headers of almost every file sit in its first page; reading that page once turns
    // a handful of tiny reads into one.
    private const int HeadSize = 4096;

    private readonly Stream _stream;
    private byte[]? _head;

    public ElfByteSource(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    /// <summary>Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or explains what is missing.</summary>
    public byte[] Read(ulong offset, ulong count, string what)
    {
        if (!Contains(offset, count))
        {
            throw new ElfFormatException(
                ReportedOffset(offset),
                $"{what} extends past the end of the file ({count} bytes at offset 0x{offset:x}, file is {Length} bytes)");
        }

        var buffer = new byte[count];
        if (offset + count <= HeadSize)
        {
            _head ??= ReadAtMost(0, HeadSize, what);
            if (offset + count <= (ulong)_head.Length)
            {
                Buffer.BlockCopy(_head, (int)offset, buffer, 0, (int)count);
                return buffer;
            }
        }

        ReadInto(offset, buffer, buffer.Length, what);
        return buffer;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>, fewer when the file ends first.</summary>
    public byte[] ReadAtMost(ulong offset, ulong count, string what)
    {
        if (offset > (ulong)Length)
        {
            throw new ElfFormatException(ReportedOffset(offset), $"{what} starts past the end of the file");
        }

        var available = Math.Min(count, (ulong)Length - offset);
        var buffer = new byte[available];
        ReadInto(offset, buffer, buffer.Length, what);
        return buffer;
    }

    /// <summary>An untrusted 64-bit offset as <see cref="ElfFormatException.Offset"/> can carry it: never negative.</summary>
    public static long ReportedOffset(ulong offset) => (long)Math.Min(offset, (ulong)long.MaxValue);

    /// <summary>True when [offset, offset + count) lies inside the file, without overflow.</summary>
    public bool Contains(ulong offset, ulong count) =>
        offset <= (ulong)Length && count <= (ulong)Length - offset;

    private void ReadInto(ulong offset, byte[] buffer, int count, string what)
    {
        _stream.Position = (long)offset;
        var filled = 0;
        while (filled < count)
        {
            var read = _stream.Read(buffer, filled, count - filled);
            if (read == 0)
            {
                throw new ElfFormatException((long)offset + filled, $"{what}: the file ended early (it may have been truncated while being read)");
            }

            filled += read;
        }
    }
}
