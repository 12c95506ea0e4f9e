using System.Collections.Generic;
using System.Text;

namespace StaticLink.Core.Elf;

/// <summary>
/// A string table read page by page on demand. A large library's .dynstr runs to megabytes, while a check needs a
/// dozen names from it; reading only the pages that hold them keeps a scan of thousands of files cheap.
/// </summary>
internal sealed class ElfStringTable
{
    private const int PageSize = 4096;

    private readonly ElfByteSource _source;
    private readonly Dictionary<ulong, byte[]> _pages = [];

    public ElfStringTable(ElfByteSource source, ulong offset, ulong size)
    {
        _source = source;
        Offset = offset;
        Size = size;
    }

    /// <summary>The file offset of the table.</summary>
    public ulong Offset { get; }

    public ulong Size { get; }

    /// <summary>The NUL-terminated string at <paramref name="index"/>; a string that runs past the table is corrupt.</summary>
    public string Get(ulong index, string what)
    {
        if (index >= Size)
        {
            throw new ElfFormatException((long)Offset, $"{what} string offset 0x{index:x} is past the end of the dynamic string table ({Size} bytes)");
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

        throw new ElfFormatException((long)(Offset + index), $"{what} string at offset 0x{index:x} is not terminated inside the dynamic string table");
    }

    private byte[] Page(ulong pageNumber)
    {
        if (!_pages.TryGetValue(pageNumber, out var page))
        {
            var start = pageNumber * PageSize;
            var length = System.Math.Min(PageSize, Size - start);
            page = _source.Read(Offset + start, length, "dynamic string table");
            _pages[pageNumber] = page;
        }

        return page;
    }
}
