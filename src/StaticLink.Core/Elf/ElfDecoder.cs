namespace StaticLink.Core.Elf;

/// <summary>Decodes fixed-width fields in the file's byte order; the order is chosen once, from EI_DATA.</summary>
internal readonly struct ElfDecoder
{
    private readonly bool _bigEndian;

    public ElfDecoder(bool bigEndian, bool is64)
    {
        _bigEndian = bigEndian;
        Is64 = is64;
    }

    public bool Is64 { get; }

    /// <summary>The width of an address, offset or dynamic value: 8 or 4.</summary>
    public int WordSize => Is64 ? 8 : 4;

    public ushort U16(byte[] data, int offset) => _bigEndian
        ? (ushort)((data[offset] << 8) | data[offset + 1])
        : (ushort)(data[offset] | (data[offset + 1] << 8));

    public uint U32(byte[] data, int offset) => _bigEndian
        ? ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3]
        : data[offset] | ((uint)data[offset + 1] << 8) | ((uint)data[offset + 2] << 16) | ((uint)data[offset + 3] << 24);

    public ulong U64(byte[] data, int offset)
    {
        ulong high = U32(data, _bigEndian ? offset : offset + 4);
        ulong low = U32(data, _bigEndian ? offset + 4 : offset);
        return (high << 32) | low;
    }

    /// <summary>An address-sized field: 8 bytes in ELF64, 4 in ELF32.</summary>
    public ulong Word(byte[] data, int offset) => Is64 ? U64(data, offset) : U32(data, offset);
}
