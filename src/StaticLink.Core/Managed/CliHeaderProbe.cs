using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace StaticLink.Core.Managed;

/// <summary>
/// What System.Reflection.Metadata cannot say once it has rejected a file's PE headers ("Image is too small" for a
/// text file named *.dll, a cut-short native DLL and a cut-short assembly alike): whether the file claims to be a
/// .NET assembly, that is, whether its optional header has a CLI header directory, and whether the file ends before
/// its sections' data does. Reads the DOS header, the COFF header, the optional header and the section table
/// (ECMA-335 II.25.2); nothing of the metadata, which is the library's.
/// </summary>
internal static class CliHeaderProbe
{
    private const int DosHeaderLength = 64;
    private const int NewHeaderPointerOffset = 0x3c;
    private const int SignatureAndCoffHeaderLength = 4 + 20;
    private const int SectionHeaderLength = 40;
    private const ushort Pe32Magic = 0x10b;
    private const ushort Pe32PlusMagic = 0x20b;
    private const int Pe32DirectoryCountOffset = 92;
    private const int Pe32PlusDirectoryCountOffset = 108;
    private const int CliHeaderDirectoryIndex = 14;

    /// <summary>
    /// Null when the file does not claim a CLI header (no PE, or a native DLL): it is not an assembly. Otherwise why
    /// the assembly could not be read: where it ends when it is cut short, else the library's reason.
    /// </summary>
    public static AssemblyFormatException? ExplainRejectedHeaders(Stream stream, Exception rejection)
    {
        var length = stream.Length;
        var dos = ReadExactly(stream, 0, DosHeaderLength);
        if (dos is null || dos[0] != (byte)'M' || dos[1] != (byte)'Z')
        {
            return null;
        }

        long peOffset = BinaryPrimitives.ReadUInt32LittleEndian(dos.AsSpan(NewHeaderPointerOffset));
        var coff = ReadExactly(stream, peOffset, SignatureAndCoffHeaderLength);
        if (coff is null || coff[0] != (byte)'P' || coff[1] != (byte)'E' || coff[2] != 0 || coff[3] != 0)
        {
            return null;
        }

        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(coff.AsSpan(4 + 2));
        int optionalHeaderLength = BinaryPrimitives.ReadUInt16LittleEndian(coff.AsSpan(4 + 16));
        var optionalOffset = peOffset + SignatureAndCoffHeaderLength;
        var optional = optionalHeaderLength < 2 ? null : ReadExactly(stream, optionalOffset, optionalHeaderLength);
        if (optional is null || !HasCliHeaderDirectory(optional))
        {
            return null;
        }

        // From here on the file claims to be a .NET assembly.
        var sectionTableOffset = optionalOffset + optionalHeaderLength;
        var sectionTableEnd = sectionTableOffset + ((long)sectionCount * SectionHeaderLength);
        if (sectionTableEnd > length)
        {
            return CutShort(length, "its PE section table", sectionTableEnd, rejection);
        }

        var sectionTable = ReadExactly(stream, sectionTableOffset, sectionCount * SectionHeaderLength);
        if (sectionTable is null)
        {
            return CutShort(stream.Length, "its PE section table", sectionTableEnd, rejection);
        }

        long dataEnd = 0;
        for (var section = 0; section < sectionCount; section++)
        {
            var at = section * SectionHeaderLength;
            long rawSize = BinaryPrimitives.ReadUInt32LittleEndian(sectionTable.AsSpan(at + 16));
            long rawPointer = BinaryPrimitives.ReadUInt32LittleEndian(sectionTable.AsSpan(at + 20));
            dataEnd = rawSize == 0 ? dataEnd : Math.Max(dataEnd, rawPointer + rawSize);
        }

        return dataEnd > length
            ? CutShort(length, "the data of its sections", dataEnd, rejection)
            : new AssemblyFormatException(null, "its PE headers are malformed (" + AssemblyMetadataReader.Describe(rejection) + ")", rejection);
    }

    private static bool HasCliHeaderDirectory(byte[] optional)
    {
        var directoryCountOffset = BinaryPrimitives.ReadUInt16LittleEndian(optional.AsSpan(0)) switch
        {
            Pe32Magic => Pe32DirectoryCountOffset,
            Pe32PlusMagic => Pe32PlusDirectoryCountOffset,
            _ => -1,
        };
        var entry = directoryCountOffset + 4 + (CliHeaderDirectoryIndex * 8);
        return directoryCountOffset >= 0
            && optional.Length >= entry + 8
            && BinaryPrimitives.ReadUInt32LittleEndian(optional.AsSpan(directoryCountOffset)) > CliHeaderDirectoryIndex
            && BinaryPrimitives.ReadUInt32LittleEndian(optional.AsSpan(entry)) != 0
            && BinaryPrimitives.ReadUInt32LittleEndian(optional.AsSpan(entry + 4)) != 0;
    }

    private static AssemblyFormatException CutShort(long length, string what, long end, Exception rejection) => new(
        length,
        string.Format(CultureInfo.InvariantCulture, "{0} runs to offset 0x{1:x}, past the end of the file: it was cut short", what, end),
        rejection);

    /// <summary>Exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or null when the file ends first.</summary>
    internal static byte[]? ReadExactly(Stream stream, long offset, int count)
    {
        if (offset < 0 || offset > stream.Length - count)
        {
            return null;
        }

        var buffer = new byte[count];
        stream.Position = offset;
        var filled = 0;
        while (filled < count)
        {
            var read = stream.Read(buffer, filled, count - filled);
            if (read <= 0)
            {
                return null;
            }

            filled += read;
        }

        return buffer;
    }
}
