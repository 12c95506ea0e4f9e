using System;
using System.Buffers.Binary;

namespace StaticLink.Cli.Tests;

/// <summary>
/// Bare ELF file headers for the classes and byte orders no compiler on this machine produces (the ELF reader's own
/// tests craft whole files; the command line only needs to show the header facts right).
/// </summary>
internal static class CraftedElf
{
    public const ushort ExecutableType = 2;
    public const ushort SharedObjectType = 3;
    public const ushort MipsMachine = 8;
    public const ushort S390Machine = 22;

    public static byte[] Header(bool is64, bool bigEndian, ushort type, ushort machine)
    {
        var bytes = new byte[is64 ? 64 : 52];
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = (byte)(is64 ? 2 : 1);
        bytes[5] = (byte)(bigEndian ? 2 : 1);
        bytes[6] = 1;
        Write16(bytes, 16, type, bigEndian);
        Write16(bytes, 18, machine, bigEndian);
        Write32(bytes, 20, 1, bigEndian);
        if (is64)
        {
            Write16(bytes, 52, 64, bigEndian);
            Write16(bytes, 54, 56, bigEndian);
            Write16(bytes, 58, 64, bigEndian);
        }
        else
        {
            Write16(bytes, 40, 52, bigEndian);
            Write16(bytes, 42, 32, bigEndian);
            Write16(bytes, 46, 40, bigEndian);
        }

        return bytes;
    }

    private static void Write16(byte[] bytes, int offset, ushort value, bool bigEndian)
    {
        var span = bytes.AsSpan(offset, 2);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    private static void Write32(byte[] bytes, int offset, uint value, bool bigEndian)
    {
        var span = bytes.AsSpan(offset, 4);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }
}
