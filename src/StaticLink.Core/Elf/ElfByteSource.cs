using System;
using System.Collections.Generic;
using System.IO;
#if NET
using Microsoft.Win32.SafeHandles;
#endif

namespace StaticLink.Core.Elf;

/// <summary>
/// Bounded random access to the bytes of a file. Every read is checked against the file's length before anything is
/// allocated, so an untrusted offset or count can at worst produce an <see cref="ElfFormatException"/>.
/// </summary>
internal sealed class ElfByteSource
{
    /// <summary>
    /// Small reads are served from whole pages kept for the life of the source: the ELF header and program headers
    /// share the first page, a version need chain is a dozen 16-byte records side by side, and a string table is read
    /// a name at a time. One read system call per page instead of one per record.
    /// </summary>
    public const int PageSize = 4096;

    private readonly Stream? _stream;
#if NET
    private readonly SafeFileHandle? _handle;
#endif
    /// <summary>
    /// Where the first page is read before anyone knows whether the file is ELF: most files a publish holds are .NET
    /// assemblies, and a page of their own for each was 0.8 MB of the gate's 5 MB of allocations.
    /// </summary>
    [ThreadStatic]
    private static byte[]? s_probe;

    private Dictionary<ulong, byte[]>? _pages;

    public ElfByteSource(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

#if NET
    /// <summary>Reads a file opened by <see cref="NonBlockingOpen"/> with pread(2): no stream, no seek calls.</summary>
    public ElfByteSource(SafeFileHandle handle)
    {
        _handle = handle;
        try
        {
            Length = RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            // A FIFO or a socket cannot seek: like a device or an empty file, it has no length, so no ELF header.
            Length = 0;
        }
    }
#endif

    public long Length { get; }

    /// <summary>True when the file starts with 0x7f 'E' 'L' 'F'; the first page stays cached for the parser.</summary>
    public bool StartsWithElfMagic()
    {
        if (Length < 4)
        {
            return false;
        }

        var probe = s_probe ??= new byte[PageSize];
        var count = (int)Math.Min(Length, PageSize);
        try
        {
            ReadInto(0, probe, count, "ELF identification");
        }
        catch (ElfFormatException)
        {
            // The file shrank since it was opened: what its first bytes are now decides, as if only they were read.
            return FirstFourBytesAreMagic();
        }

        if (!ElfReader.IsElfMagic(probe))
        {
            return false;
        }

        // ELF: the parser reads the headers from this page next, so it is kept.
        var page = NewBuffer((ulong)count);
        Buffer.BlockCopy(probe, 0, page, 0, count);
        (_pages ??= [])[0] = page;
        return true;
    }

    private bool FirstFourBytesAreMagic()
    {
        try
        {
            return ElfReader.IsElfMagic(ReadAtMost(0, 4, "ELF identification"));
        }
        catch (ElfFormatException)
        {
            // Shorter than four bytes now.
            return false;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or explains what is missing.</summary>
    public byte[] Read(ulong offset, ulong count, string what)
    {
        if (!Contains(offset, count))
        {
            throw new ElfFormatException(
                ReportedOffset(offset),
                $"{what} extends past the end of the file ({count} bytes at offset 0x{offset:x}, file is {Length} bytes)");
        }

        var buffer = NewBuffer(count);
        if (count > PageSize)
        {
            ReadInto(offset, buffer, buffer.Length, what);
            return buffer;
        }

        // At most two pages: copy the part of each that the range covers.
        var copied = 0UL;
        while (copied < count)
        {
            var page = Page((offset + copied) / PageSize, what, out var pageStart);
            var from = offset + copied - pageStart;
            var length = Math.Min(count - copied, (ulong)page.Length - from);
            Buffer.BlockCopy(page, (int)from, buffer, (int)copied, (int)length);
            copied += length;
        }

        return buffer;
    }

    /// <summary>
    /// The cached page holding <paramref name="offset"/> (shorter than <see cref="PageSize"/> at the end of the file),
    /// and where it starts. The offset must be inside the file.
    /// </summary>
    public byte[] PageContaining(ulong offset, string what, out ulong pageStart) => Page(offset / PageSize, what, out pageStart);

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>, fewer when the file ends first.</summary>
    public byte[] ReadAtMost(ulong offset, ulong count, string what)
    {
        if (offset > (ulong)Length)
        {
            throw new ElfFormatException(ReportedOffset(offset), $"{what} starts past the end of the file");
        }

        var available = Math.Min(count, (ulong)Length - offset);
        var buffer = NewBuffer(available);
        ReadInto(offset, buffer, buffer.Length, what);
        return buffer;
    }

    /// <summary>An untrusted 64-bit offset as <see cref="ElfFormatException.Offset"/> can carry it: never negative.</summary>
    public static long ReportedOffset(ulong offset) => (long)Math.Min(offset, (ulong)long.MaxValue);

    private byte[] Page(ulong pageNumber, string what, out ulong pageStart)
    {
        pageStart = pageNumber * PageSize;
        _pages ??= [];
        if (!_pages.TryGetValue(pageNumber, out var page))
        {
            page = ReadAtMost(pageStart, PageSize, what);
            _pages[pageNumber] = page;
        }

        return page;
    }

    /// <summary>True when [offset, offset + count) lies inside the file, without overflow.</summary>
    public bool Contains(ulong offset, ulong count) =>
        offset <= (ulong)Length && count <= (ulong)Length - offset;

    /// <summary>
    /// Every byte of a buffer is read into before anyone looks at it, so it need not be zeroed first: over the bench's
    /// 3,744 files the zeroing was the largest single item of the profile (4% of samples, memset).
    /// </summary>
    private static byte[] NewBuffer(ulong count) =>
#if NET
        GC.AllocateUninitializedArray<byte>(checked((int)count));
#else
        new byte[count];
#endif

    private int ReadAt(ulong offset, byte[] buffer, int start, int count)
    {
#if NET
        if (_handle is not null)
        {
            return RandomAccess.Read(_handle, new Span<byte>(buffer, start, count), (long)offset);
        }
#endif
        _stream!.Position = (long)offset;
        return _stream.Read(buffer, start, count);
    }

    private void ReadInto(ulong offset, byte[] buffer, int count, string what)
    {
        var filled = 0;
        while (filled < count)
        {
            var read = ReadAt(offset + (ulong)filled, buffer, filled, count - filled);
            if (read == 0)
            {
                throw new ElfFormatException((long)offset + filled, $"{what}: the file ended early (it may have been truncated while being read)");
            }

            filled += read;
        }
    }
}
