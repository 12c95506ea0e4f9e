using System;
using System.IO;

namespace StaticLink.Core.Bundles;

/// <summary>
/// A read-only, seekable window [start, start + length) of another seekable stream: an embedded file seen as a
/// file of its own, so that readers written for whole files (ELF, assembly metadata) cannot read past it.
/// The base stream is shared, not owned; its position is set before every read.
/// </summary>
internal sealed class SubStream : Stream
{
    private readonly Stream _base;
    private readonly long _start;
    private readonly long _length;
    private long _position;

    public SubStream(Stream baseStream, long start, long length)
    {
        _base = baseStream ?? throw new ArgumentNullException(nameof(baseStream));
        if (!baseStream.CanSeek || !baseStream.CanRead)
        {
            throw new ArgumentException("The base stream must be readable and seekable.", nameof(baseStream));
        }

        if (start < 0 || length < 0 || start > baseStream.Length || length > baseStream.Length - start)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The window ({length} bytes at {start}) is not inside the stream ({baseStream.Length} bytes).");
        }

        _start = start;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
#if NET8_0_OR_GREATER
            ArgumentOutOfRangeException.ThrowIfNegative(value);
#else
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }
#endif

            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || count < 0 || count > buffer.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        var available = _length - _position;
        if (available <= 0 || count == 0)
        {
            return 0;
        }

        var wanted = (int)Math.Min(count, available);
        _base.Position = _start + _position;
        var read = _base.Read(buffer, offset, wanted);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        Position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
