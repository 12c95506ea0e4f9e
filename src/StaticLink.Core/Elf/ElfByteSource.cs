using System;
using System.IO;

namespace StaticLink.Core.Elf;

/// <summary>
/// Bounded random access to the bytes of a file. Every read is checked against the file's length before anything is
/// allocated, so an untrusted offset or count can at worst produce an <see cref="ElfFormatException"/>.
/// </summary>
internal sealed class ElfByteSource
{
    private readonly Stream _stream;

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
                (long)Math.Min(offset, (ulong)long.MaxValue),
                $"{what} extends past the end of the file ({count} bytes at offset 0x{offset:x}, file is {Length} bytes)");
        }

        var buffer = new byte[count];
        _stream.Position = (long)offset;
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = _stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw new ElfFormatException((long)offset + filled, $"{what}: the file ended early (it may have been truncated while being read)");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>True when [offset, offset + count) lies inside the file, without overflow.</summary>
    public bool Contains(ulong offset, ulong count) =>
        offset <= (ulong)Length && count <= (ulong)Length - offset;
}
