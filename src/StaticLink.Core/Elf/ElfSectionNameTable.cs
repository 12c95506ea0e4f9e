namespace StaticLink.Core.Elf;

/// <summary>
/// .shstrtab, read page by page on demand. Section names are compared in place and decoded only when asked for:
/// object files can have tens of thousands of sections, and a summary needs the names of a handful.
/// </summary>
internal sealed class ElfSectionNameTable
{
    public static readonly ElfSectionNameTable Empty = new(null);

    private readonly ElfStringTable? _strings;

    public ElfSectionNameTable(ElfStringTable? strings)
    {
        _strings = strings;
    }

    /// <summary>The name at <paramref name="offset"/>; empty when it is outside the table, as readelf tolerates.</summary>
    public string Decode(uint offset) => _strings?.GetOrEmpty(offset) ?? string.Empty;

    /// <summary>True when the name at <paramref name="offset"/> starts with the ASCII <paramref name="prefix"/>.</summary>
    public bool StartsWith(uint offset, string prefix) => Matches(offset, prefix, wholeName: false);

    /// <summary>True when the name at <paramref name="offset"/> is exactly the ASCII <paramref name="name"/>.</summary>
    public bool NameEquals(uint offset, string name) => Matches(offset, name, wholeName: true);

    private bool Matches(uint offset, string text, bool wholeName)
    {
        if (_strings is null || offset >= _strings.Size)
        {
            return text.Length == 0;
        }

        for (var index = 0; index < text.Length; index++)
        {
            var at = offset + (ulong)index;
            if (at >= _strings.Size || _strings.ByteAt(at) != text[index])
            {
                return false;
            }
        }

        var after = offset + (ulong)text.Length;
        return !wholeName || after == _strings.Size || _strings.ByteAt(after) == 0;
    }
}
