namespace StaticLink.Core.Elf;

/// <summary>
/// One section header read in place from the raw table, without allocating. The parser walks every section of a file
/// this way; object files can have tens of thousands of them, and only a handful ever matter.
/// </summary>
internal readonly struct ElfSectionView
{
    private readonly ElfSectionTable _table;

    public ElfSectionView(ElfSectionTable table, int index)
    {
        _table = table;
        Index = index;
    }

    public int Index { get; }

    public uint Type => _table.TypeAt(Index);

    public ulong Flags => _table.FlagsAt(Index);

    public ulong Address => _table.AddressAt(Index);

    public ulong Offset => _table.OffsetAt(Index);

    public ulong Size => _table.SizeAt(Index);

    public uint Link => _table.LinkAt(Index);

    public ulong EntrySize => _table.EntrySizeAt(Index);

    public bool NameEquals(string name) => _table.Names.NameEquals(_table.NameOffsetAt(Index), name);

    public bool NameStartsWith(string prefix) => _table.Names.StartsWith(_table.NameOffsetAt(Index), prefix);

    /// <summary>The section as the public object (allocates; for the few sections that are kept).</summary>
    public ElfSection ToSection() => _table[Index];
}
