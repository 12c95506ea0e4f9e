#if NET
using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace StaticLink.Core.Elf;

/// <summary>
/// A read-only, seekable stream over a file opened by <see cref="NonBlockingOpen"/>, read with pread(2), for
/// System.Reflection.Metadata (the assembly reader), which reads the PE headers a field at a time: small reads are
/// served from one read-ahead page; the metadata, read in one piece, goes straight into the caller's memory. Here,
/// beside the ELF reader, because the scanner reads an assembly through the handle the ELF reader opened
/// (<see cref="ElfReader.Inspect(string, ElfReadOptions, Action{Stream})"/>).
/// <para>
/// Why not <see cref="FileStream"/>: its own buffer (4 KB a file) and its stat, fadvise and seek calls, for each of
/// the 173 assemblies of a self-contained publish. The page is the thread's, so only one of these streams may be in
/// use on a thread at a time, as the assembly reader uses them.
/// </para>
/// </summary>
internal sealed class HandleStream : Stream
{
    private const int PageSize = 4096;

    [ThreadStatic]
    private static byte[]? s_page;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _page;
    private long _pageStart = -1;
    private int _pageLength;
    private long _position;

    public HandleStream(SafeFileHandle handle, long length)
    {
        _handle = handle;
        Length = length;
        _page = s_page ??= new byte[PageSize];
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(new Span<byte>(buffer, offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0 || _position >= Length)
        {
            return 0;
        }

        if (buffer.Length >= PageSize)
        {
            var read = RandomAccess.Read(_handle, buffer, _position);
            _position += read;
            return read;
        }

        if (_position < _pageStart || _position >= _pageStart + _pageLength)
        {
            _pageStart = _position;
            _pageLength = RandomAccess.Read(_handle, _page, _position);
            if (_pageLength == 0)
            {
                // The file is shorter now than its length said: the caller sees the end of the stream.
                return 0;
            }
        }

        var available = (int)Math.Min(buffer.Length, _pageStart + _pageLength - _position);
        _page.AsSpan((int)(_position - _pageStart), available).CopyTo(buffer);
        _position += available;
        return available;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
#endif
