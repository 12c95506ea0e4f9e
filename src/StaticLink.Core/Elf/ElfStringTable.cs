using System.Collections.Generic;
using System.Text;

namespace StaticLink.Core.Elf;

/// <summary>
/// A string table read page by page on demand. A large library's .dynstr (or an object file's .shstrtab) runs to
/// megabytes, while a check needs a dozen names from it; reading only the pages that hold them keeps a scan of
/// thousands of files cheap.
/// </summary>
internal sealed class ElfStringTable
{
    private const int PageSize = 4096;

    private readonly ElfByteSource _source;
    private readonly Dictionary<ulong, byte[]> _pages = [];

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

        List<byte>? spill = null;
        var position = index;
        while (position < Size)
        {
            var pageNumber = position / PageSize;
            var page = Page(pageNumber);
            var start = (int)(position - (pageNumber * PageSize));
            var end = start;
            while (end < page.Length && page[end] != 0)
            {
                end++;
            }

            if (end < page.Length)
            {
                if (spill is null)
                {
                    return Encoding.UTF8.GetString(page, start, end - start);
                }

                for (var at = start; at < end; at++)
                {
                    spill.Add(page[at]);
                }

                return Encoding.UTF8.GetString(spill.ToArray());
            }

            // The string continues on the next page.
            spill ??= new List<byte>();
            for (var at = start; at < page.Length; at++)
            {
                spill.Add(page[at]);
            }

            position = (pageNumber + 1) * PageSize;
        }

        throw new ElfFormatException((long)(Offset + index), $"{what} string at offset 0x{index:x} is not terminated inside the {TableName}");
    }

    /// <summary>The byte at <paramref name="index"/> (which must be inside the table).</summary>
    public byte ByteAt(ulong index)
    {
        var pageNumber = index / PageSize;
        return Page(pageNumber)[index - (pageNumber * PageSize)];
    }

    /// <summary>
    /// Like <see cref="Get"/>, but tolerant as readelf is with section names: an offset outside the table is an empty
    /// name, and a name running into the table's end stops there.
    /// </summary>
    public string GetOrEmpty(ulong index)
    {
        if (index >= Size)
        {
            return string.Empty;
        }

        var end = index;
        while (end < Size && ByteAt(end) != 0)
        {
            end++;
        }

        var bytes = new byte[end - index];
        for (var at = index; at < end; at++)
        {
            bytes[at - index] = ByteAt(at);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private byte[] Page(ulong pageNumber)
    {
        if (!_pages.TryGetValue(pageNumber, out var page))
        {
            var start = pageNumber * PageSize;
            var length = System.Math.Min(PageSize, Size - start);
            page = _source.Read(Offset + start, length, TableName);
            _pages[pageNumber] = page;
        }

        return page;
    }
}
