using System;
using System.IO;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// A read-only seekable stream: real bytes followed by a run of zeros that is never allocated. Counts the bytes
/// handed out, to show how much of a large file the reader really touches.
/// </summary>
internal sealed class PaddedCountingStream : Stream
{
    private readonly byte[] _head;
    private readonly long _length;
    private long _position;

    public PaddedCountingStream(byte[] head, long virtualZeros)
    {
        _head = head;
        _length = head.Length + virtualZeros;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, _length - _position);
        for (var i = 0; i < count; i++)
        {
            var at = _position + i;
            buffer[i] = at < _head.Length ? _head[at] : (byte)0;
        }

        _position += count;
        BytesRead += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
