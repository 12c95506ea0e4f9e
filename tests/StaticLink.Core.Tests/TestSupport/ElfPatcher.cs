using System;
using System.Buffers.Binary;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>Overwrites fields of an ELF image in place, in the image's own byte order.</summary>
internal sealed class ElfPatcher
{
    private readonly byte[] _bytes;
    private readonly ElfClass _class;
    private readonly bool _big;

    public ElfPatcher(byte[] bytes, ElfClass elfClass, ElfEndianness endianness)
    {
        _bytes = bytes;
        _class = elfClass;
        _big = endianness == ElfEndianness.Big;
    }

    public void U8(int offset, byte value) => _bytes[offset] = value;

    public void U16(int offset, ushort value)
    {
        var span = _bytes.AsSpan(offset, 2);
        if (_big)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    public void U32(int offset, uint value)
    {
        var span = _bytes.AsSpan(offset, 4);
        if (_big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    public void U64(int offset, ulong value)
    {
        var span = _bytes.AsSpan(offset, 8);
        if (_big)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        }
    }

    /// <summary>A class-sized field; in ELF32 the value is truncated to 32 bits, which is what an attacker can write.</summary>
    public void Word(int offset, ulong value)
    {
        if (_class == ElfClass.Elf64)
        {
            U64(offset, value);
        }
        else
        {
            U32(offset, unchecked((uint)value));
        }
    }

    public void Fill(int offset, int count, byte value) => _bytes.AsSpan(offset, count).Fill(value);
}
