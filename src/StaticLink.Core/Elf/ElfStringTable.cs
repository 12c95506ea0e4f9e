using System;
using System.Collections.Generic;
using System.Text;

namespace StaticLink.Core.Elf;

/// <summary>
/// A string table read page by page on demand, through the source's page cache. A large library's .dynstr (or an
/// object file's .shstrtab) runs to megabytes, while a check needs a dozen names from it; reading only the pages that
/// hold them keeps a scan of thousands of files cheap.
/// </summary>
internal sealed class ElfStringTable
{
    private readonly ElfByteSource _source;

    /// <summary>The table must lie inside the file (the caller checks), so every page read here succeeds.</summary>
    public ElfStringTable(ElfByteSource source, ulong offset, ulong size, string tableName = "dynamic string table")
    {
        _source = source;
        Offset = offset;
        Size = size;
        TableName = tableName;
    }

    /// <summary>What the table is, for error messages.</summary>
    public string TableName { get; }

    /// <summary>The file offset of the table.</summary>
    public ulong Offset { get; }

    public ulong Size { get; }

    /// <summary>The NUL-terminated string at <paramref name="index"/>; a string that runs past the table is corrupt.</summary>
    public string Get(ulong index, string what)
    {
        if (index >= Size)
        {
            throw new ElfFormatException((long)Offset, $"{what} string offset 0x{index:x} is past the end of the {TableName} ({Size} bytes)");
        }

        return Collect(index, out var terminated) is { } text && terminated
            ? text
            : throw new ElfFormatException((long)(Offset + index), $"{what} string at offset 0x{index:x} is not terminated inside the {TableName}");
    }

    /// <summary>
    /// Like <see cref="Get"/>, but tolerant as readelf is with section names: an offset outside the table is an empty
    /// name, and a name running into the table's end stops there.
    /// </summary>
    public string GetOrEmpty(ulong index) => index >= Size ? string.Empty : Collect(index, out _);

    /// <summary>The byte at <paramref name="index"/> (which must be inside the table).</summary>
    public byte ByteAt(ulong index)
    {
        var page = Segment(index, out var start, out _);
        return page[start];
    }

    /// <summary>The bytes from <paramref name="index"/> up to the next NUL or the table's end, decoded as UTF-8.</summary>
    private string Collect(ulong index, out bool terminated)
    {
        List<byte>? spill = null;
        var position = index;
        while (position < Size)
        {
            var page = Segment(position, out var start, out var available);
            var end = Array.IndexOf(page, (byte)0, start, available);
            if (end >= 0)
            {
                terminated = true;
                if (spill is null)
                {
                    return Encoding.UTF8.GetString(page, start, end - start);
                }

                AddRange(spill, page, start, end - start);
                return Encoding.UTF8.GetString(spill.ToArray());
            }

            // The string continues on the next page.
            spill ??= new List<byte>();
            AddRange(spill, page, start, available);
            position += (ulong)available;
        }

        terminated = false;
        return spill is null ? string.Empty : Encoding.UTF8.GetString(spill.ToArray());
    }

    /// <summary>The cached file page holding table byte <paramref name="index"/>, where it is, and how many table bytes follow in that page.</summary>
    private byte[] Segment(ulong index, out int start, out int available)
    {
        var page = _source.PageContaining(Offset + index, TableName, out var pageStart);
        start = (int)(Offset + index - pageStart);
        available = (int)Math.Min((ulong)(page.Length - start), Size - index);
        return page;
    }

    private static void AddRange(List<byte> bytes, byte[] source, int start, int count)
    {
        for (var at = start; at < start + count; at++)
        {
            bytes.Add(source[at]);
        }
    }
}
