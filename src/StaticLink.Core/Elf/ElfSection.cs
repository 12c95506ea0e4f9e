using System;

namespace StaticLink.Core.Elf;

/// <summary>
/// One section header, widened to 64 bits. <see cref="Name"/> is decoded from the name table on first use and is
/// empty when the name table is missing.
/// </summary>
public sealed class ElfSection
{
    private readonly ElfSectionNameTable? _names;
    private readonly uint _nameOffset;
    private string? _name;

    public ElfSection(string name, uint type, ulong flags, ulong address, ulong offset, ulong size, uint link, ulong entrySize)
        : this(type, flags, address, offset, size, link, entrySize)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
    }

    internal ElfSection(ElfSectionNameTable names, uint nameOffset, uint type, ulong flags, ulong address, ulong offset, ulong size, uint link, ulong entrySize)
        : this(type, flags, address, offset, size, link, entrySize)
    {
        _names = names;
        _nameOffset = nameOffset;
    }

    private ElfSection(uint type, ulong flags, ulong address, ulong offset, ulong size, uint link, ulong entrySize)
    {
        Type = type;
        Flags = flags;
        Address = address;
        Offset = offset;
        Size = size;
        Link = link;
        EntrySize = entrySize;
    }

    public string Name => _name ??= _names?.Decode(_nameOffset) ?? string.Empty;

    public uint Type { get; }

    public ulong Flags { get; }

    public ulong Address { get; }

    public ulong Offset { get; }

    public ulong Size { get; }

    public uint Link { get; }

    public ulong EntrySize { get; }

    /// <summary>Compares the name without decoding it (see <see cref="NameStartsWith"/>).</summary>
    public bool NameEquals(string name) =>
        _name is not null || _names is null ? Name == name : _names.NameEquals(_nameOffset, name);

    /// <summary>True when the name starts with the ASCII <paramref name="prefix"/>; cheap for names never decoded.</summary>
    public bool NameStartsWith(string prefix) =>
        _name is not null || _names is null ? Name.StartsWith(prefix, StringComparison.Ordinal) : _names.StartsWith(_nameOffset, prefix);

    public override string ToString() => $"{Name} type={Type} offset=0x{Offset:x} size={Size}";
}
