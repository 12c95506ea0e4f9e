using System;
using System.IO;

namespace StaticLink.Core.Managed;

/// <summary>
/// Bounded random access to the bytes of an assembly: every read is checked against the stream's length before
/// anything is allocated, so an untrusted offset or size can at worst produce an <see cref="AssemblyFormatException"/>.
/// </summary>
internal sealed class AssemblyByteSource
{
    private readonly Stream _stream;

    public AssemblyByteSource(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    public bool Contains(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

    /// <summary>Exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or an explanation of what is missing.</summary>
    public byte[] Read(long offset, long count, string what)
    {
        if (!Contains(offset, count))
        {
            throw new AssemblyFormatException(
                Math.Max(0, offset),
                $"{what} extends past the end of the file ({count} bytes at offset 0x{offset:x}, file is {Length} bytes)");
        }

        var buffer = new byte[count];
        _stream.Position = offset;
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = _stream.Read(buffer, filled, buffer.Length - filled);
            if (read <= 0)
            {
                throw new AssemblyFormatException(offset + filled, $"{what}: the file ended early (it may have been truncated while being read)");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="offset"/>, fewer when the file ends first.</summary>
    public byte[] ReadAtMost(long offset, long count, string what) =>
        offset < 0 || offset > Length ? [] : Read(offset, Math.Min(count, Length - offset), what);

    public static ushort UInt16(byte[] data, int at) => (ushort)(data[at] | (data[at + 1] << 8));

    public static uint UInt32(byte[] data, int at) =>
        (uint)(data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24));

    public static ulong UInt64(byte[] data, int at) => UInt32(data, at) | ((ulong)UInt32(data, at + 4) << 32);
}
