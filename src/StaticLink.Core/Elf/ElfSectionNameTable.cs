using System.Text;

namespace StaticLink.Core.Elf;

/// <summary>
/// The bytes of .shstrtab. Section names are compared in place and decoded only when asked for: object files can
/// have tens of thousands of sections, and a summary needs the names of a handful.
/// </summary>
internal sealed class ElfSectionNameTable
{
    public static readonly ElfSectionNameTable Empty = new([]);

    private readonly byte[] _bytes;

    public ElfSectionNameTable(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>The name at <paramref name="offset"/>; empty when the offset is outside the table, as readelf tolerates.</summary>
    public string Decode(uint offset)
    {
        if (offset >= _bytes.Length)
        {
            return string.Empty;
        }

        var end = (int)offset;
        while (end < _bytes.Length && _bytes[end] != 0)
        {
            end++;
        }

        return Encoding.UTF8.GetString(_bytes, (int)offset, end - (int)offset);
    }

    /// <summary>True when the name at <paramref name="offset"/> starts with the ASCII <paramref name="prefix"/>.</summary>
    public bool StartsWith(uint offset, string prefix) => Matches(offset, prefix, wholeName: false);

    /// <summary>True when the name at <paramref name="offset"/> is exactly the ASCII <paramref name="name"/>.</summary>
    public bool NameEquals(uint offset, string name) => Matches(offset, name, wholeName: true);

    private bool Matches(uint offset, string text, bool wholeName)
    {
        if (offset >= _bytes.Length || (ulong)offset + (ulong)text.Length > (ulong)_bytes.Length)
        {
            return text.Length == 0 && (!wholeName || offset >= _bytes.Length || _bytes[offset] == 0);
        }

        for (var index = 0; index < text.Length; index++)
        {
            if (_bytes[offset + index] != text[index])
            {
                return false;
            }
        }

        if (!wholeName)
        {
            return true;
        }

        var after = offset + (uint)text.Length;
        return after == _bytes.Length || _bytes[after] == 0;
    }
}
