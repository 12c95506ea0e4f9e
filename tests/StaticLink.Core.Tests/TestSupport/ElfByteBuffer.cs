using System;
using System.Buffers.Binary;
using System.Text;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// A growable byte buffer that writes ELF fields in the chosen class and byte order, appending or at a given offset.
/// "Word" fields are 4 bytes in ELF32 and 8 bytes in ELF64 (addresses, offsets, sizes, d_val).
/// </summary>
internal sealed class ElfByteBuffer
{
    private byte[] _bytes = new byte[256];

    public ElfByteBuffer(ElfClass elfClass, ElfEndianness endianness)
    {
        Class = elfClass;
        Endianness = endianness;
    }

    public ElfClass Class { get; }

    public ElfEndianness Endianness { get; }

    public bool Is64 => Class == ElfClass.Elf64;

    public int WordSize => Is64 ? 8 : 4;

    public int Length { get; private set; }

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();

    public void Align(int alignment)
    {
        while (Length % alignment != 0)
        {
            U8(0);
        }
    }

    public void PadTo(int length)
    {
        while (Length < length)
        {
            U8(0);
        }
    }

    public int U8(byte value)
    {
        var at = Reserve(1);
        _bytes[at] = value;
        return at;
    }

    public int U16(ushort value)
    {
        var at = Reserve(2);
        PutU16(at, value);
        return at;
    }

    public int U32(uint value)
    {
        var at = Reserve(4);
        PutU32(at, value);
        return at;
    }

    public int U64(ulong value)
    {
        var at = Reserve(8);
        PutU64(at, value);
        return at;
    }

    public int Word(ulong value)
    {
        var at = Reserve(WordSize);
        PutWord(at, value);
        return at;
    }

    public int Bytes(ReadOnlySpan<byte> value)
    {
        var at = Reserve(value.Length);
        value.CopyTo(_bytes.AsSpan(at));
        return at;
    }

    public int CString(string value)
    {
        var at = Bytes(Encoding.UTF8.GetBytes(value));
        U8(0);
        return at;
    }

    public void PutU16(int offset, ushort value)
    {
        var span = _bytes.AsSpan(offset, 2);
        if (Endianness == ElfEndianness.Big)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    public void PutU32(int offset, uint value)
    {
        var span = _bytes.AsSpan(offset, 4);
        if (Endianness == ElfEndianness.Big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    public void PutU64(int offset, ulong value)
    {
        var span = _bytes.AsSpan(offset, 8);
        if (Endianness == ElfEndianness.Big)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        }
    }

    public void PutWord(int offset, ulong value)
    {
        if (Is64)
        {
            PutU64(offset, value);
        }
        else
        {
            PutU32(offset, checked((uint)value));
        }
    }

    private int Reserve(int count)
    {
        var at = Length;
        if (at + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, at + count));
        }

        Length += count;
        return at;
    }
}
