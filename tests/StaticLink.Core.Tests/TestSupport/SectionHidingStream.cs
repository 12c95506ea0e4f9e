using System;
using System.IO;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Presents a real ELF file as if `sstrip` had removed its section headers: e_shoff, e_shnum and e_shstrndx read as
/// zero, everything else passes through. Turns every real file into a test of the section-less path, where the
/// dynamic table is found through PT_DYNAMIC and DT_STRTAB/DT_VERNEED are mapped through PT_LOAD.
/// </summary>
internal sealed class SectionHidingStream : Stream
{
    private readonly Stream _inner;
    private readonly (int Start, int End)[] _hidden;

    public SectionHidingStream(Stream inner)
    {
        _inner = inner;
        Span<byte> ident = stackalloc byte[5];
        inner.Position = 0;
        var is64 = inner.ReadAtLeast(ident, 5, throwOnEndOfStream: false) == 5 && ident[4] == 2;
        inner.Position = 0;
        _hidden = is64 ? [(40, 48), (60, 64)] : [(32, 36), (48, 52)];
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = _inner.Position;
        var read = _inner.Read(buffer);
        foreach (var (from, to) in _hidden)
        {
            for (long at = Math.Max(from, start); at < Math.Min(to, start + read); at++)
            {
                buffer[(int)(at - start)] = 0;
            }
        }

        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
