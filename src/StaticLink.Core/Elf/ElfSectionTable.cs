using System.Collections;
using System.Collections.Generic;

namespace StaticLink.Core.Elf;

/// <summary>
/// The section header table as read from the file. Inside the parser it is walked as <see cref="ElfSectionView"/>s
/// decoded in place; as <see cref="ElfFile.Sections"/> it hands out <see cref="ElfSection"/> objects, each made on
/// first use. Reading a file with 28,000 sections then costs one read of the table, not 28,000 objects.
/// </summary>
internal sealed class ElfSectionTable : IReadOnlyList<ElfSection>
{
    public static readonly ElfSectionTable Empty = new([], 0, 0, default, ElfSectionNameTable.Empty);

    private readonly byte[] _table;
    private readonly int _entrySize;
    private readonly ElfDecoder _decoder;
    private ElfSection?[]? _sections;

    public ElfSectionTable(byte[] table, int count, int entrySize, ElfDecoder decoder, ElfSectionNameTable names)
    {
        _table = table;
        Count = count;
        _entrySize = entrySize;
        _decoder = decoder;
        Names = names;
    }

    public int Count { get; }

    public ElfSectionNameTable Names { get; }

    public ElfSection this[int index]
    {
        get
        {
            _sections ??= new ElfSection?[Count];
            return _sections[index] ??= new ElfSection(
                Names, NameOffsetAt(index), TypeAt(index), FlagsAt(index), AddressAt(index), OffsetAt(index), SizeAt(index), LinkAt(index), EntrySizeAt(index));
        }
    }

    /// <summary>Walks the sections as views: what <c>foreach</c> inside the parser uses.</summary>
    public ViewEnumerator GetEnumerator() => new(this);

    IEnumerator<ElfSection> IEnumerable<ElfSection>.GetEnumerator()
    {
        for (var index = 0; index < Count; index++)
        {
            yield return this[index];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<ElfSection>)this).GetEnumerator();

    /// <summary>The first section with this name, or null; names are compared in place.</summary>
    public ElfSection? Find(string name)
    {
        foreach (var section in this)
        {
            if (section.NameEquals(name))
            {
                return section.ToSection();
            }
        }

        return null;
    }

    public uint NameOffsetAt(int index) => _decoder.U32(_table, index * _entrySize);

    public uint TypeAt(int index) => _decoder.U32(_table, (index * _entrySize) + 4);

    public ulong FlagsAt(int index) => _decoder.Is64 ? _decoder.U64(_table, (index * _entrySize) + 8) : _decoder.U32(_table, (index * _entrySize) + 8);

    public ulong AddressAt(int index) => _decoder.Is64 ? _decoder.U64(_table, (index * _entrySize) + 16) : _decoder.U32(_table, (index * _entrySize) + 12);

    public ulong OffsetAt(int index) => _decoder.Is64 ? _decoder.U64(_table, (index * _entrySize) + 24) : _decoder.U32(_table, (index * _entrySize) + 16);

    public ulong SizeAt(int index) => _decoder.Is64 ? _decoder.U64(_table, (index * _entrySize) + 32) : _decoder.U32(_table, (index * _entrySize) + 20);

    public uint LinkAt(int index) => _decoder.U32(_table, (index * _entrySize) + (_decoder.Is64 ? 40 : 24));

    public ulong EntrySizeAt(int index) => _decoder.Is64 ? _decoder.U64(_table, (index * _entrySize) + 56) : _decoder.U32(_table, (index * _entrySize) + 36);

    /// <summary>A struct enumerator, so that walking the table allocates nothing.</summary>
    public struct ViewEnumerator
    {
        private readonly ElfSectionTable _table;
        private int _index;

        public ViewEnumerator(ElfSectionTable table)
        {
            _table = table;
            _index = -1;
        }

        public readonly ElfSectionView Current => new(_table, _index);

        public bool MoveNext() => ++_index < _table.Count;
    }
}
