using System.Collections.Generic;
using System.Globalization;

namespace StaticLink.Core.Managed;

/// <summary>
/// The few parts of a PE file (ECMA-335 II.25) needed to find .NET metadata: the section table, to map relative
/// virtual addresses to file offsets, and the CLI header's metadata directory.
/// </summary>
internal sealed class PortableExecutableImage
{
    private const int DosHeaderLength = 64;
    private const int NewHeaderPointerOffset = 0x3c;
    private const int CoffHeaderLength = 20;
    private const int SectionHeaderLength = 40;
    private const ushort Pe32Magic = 0x10b;
    private const ushort Pe32PlusMagic = 0x20b;
    private const int CliHeaderDirectoryIndex = 14;
    private const int CliHeaderMinimumLength = 16;

    private readonly AssemblyByteSource _source;
    private readonly List<(uint VirtualAddress, uint VirtualSize, uint RawSize, uint RawPointer)> _sections;

    private PortableExecutableImage(AssemblyByteSource source, List<(uint, uint, uint, uint)> sections)
    {
        _source = source;
        _sections = sections;
    }

    /// <summary>File offset and size of the metadata (the "BSJB" root).</summary>
    public long MetadataOffset { get; private set; }

    public long MetadataSize { get; private set; }

    /// <summary>
    /// Null when the bytes are not a .NET assembly: no "MZ", no "PE\0\0", or no CLI header (a native DLL).
    /// Malformed headers of an image that has a CLI header raise <see cref="AssemblyFormatException"/>.
    /// </summary>
    public static PortableExecutableImage? TryOpen(AssemblyByteSource source)
    {
        if (source.Length < DosHeaderLength)
        {
            return null;
        }

        var dos = source.Read(0, DosHeaderLength, "the DOS header");
        if (dos[0] != (byte)'M' || dos[1] != (byte)'Z')
        {
            return null;
        }

        long peOffset = AssemblyByteSource.UInt32(dos, NewHeaderPointerOffset);
        if (!source.Contains(peOffset, 4 + CoffHeaderLength))
        {
            return null;
        }

        var coff = source.Read(peOffset, 4 + CoffHeaderLength, "the PE header");
        if (coff[0] != (byte)'P' || coff[1] != (byte)'E' || coff[2] != 0 || coff[3] != 0)
        {
            return null;
        }

        int sectionCount = AssemblyByteSource.UInt16(coff, 4 + 2);
        int optionalHeaderSize = AssemblyByteSource.UInt16(coff, 4 + 16);
        var optionalOffset = peOffset + 4 + CoffHeaderLength;
        if (optionalHeaderSize < 2 || !source.Contains(optionalOffset, optionalHeaderSize))
        {
            return null;
        }

        var optional = source.Read(optionalOffset, optionalHeaderSize, "the PE optional header");
        var magic = AssemblyByteSource.UInt16(optional, 0);
        int directoryCountOffset;
        if (magic == Pe32Magic)
        {
            directoryCountOffset = 92;
        }
        else if (magic == Pe32PlusMagic)
        {
            directoryCountOffset = 108;
        }
        else
        {
            return null;
        }

        var cliDirectoryOffset = directoryCountOffset + 4 + (CliHeaderDirectoryIndex * 8);
        if (optionalHeaderSize < cliDirectoryOffset + 8
            || AssemblyByteSource.UInt32(optional, directoryCountOffset) <= CliHeaderDirectoryIndex)
        {
            return null;
        }

        var cliRva = AssemblyByteSource.UInt32(optional, cliDirectoryOffset);
        var cliSize = AssemblyByteSource.UInt32(optional, cliDirectoryOffset + 4);
        if (cliRva == 0 || cliSize == 0)
        {
            // A native PE (a Windows DLL of another RID's folder, say): nothing managed to read.
            return null;
        }

        // From here on the file claims to be a .NET assembly: what does not fit is malformed.
        var sectionTableOffset = optionalOffset + optionalHeaderSize;
        var sectionTable = source.Read(sectionTableOffset, (long)sectionCount * SectionHeaderLength, "the PE section table");
        var sections = new List<(uint, uint, uint, uint)>(sectionCount);
        for (var index = 0; index < sectionCount; index++)
        {
            var at = index * SectionHeaderLength;
            sections.Add((
                AssemblyByteSource.UInt32(sectionTable, at + 12),
                AssemblyByteSource.UInt32(sectionTable, at + 8),
                AssemblyByteSource.UInt32(sectionTable, at + 16),
                AssemblyByteSource.UInt32(sectionTable, at + 20)));
        }

        var image = new PortableExecutableImage(source, sections);
        var cliOffset = image.ToFileOffset(cliRva, CliHeaderMinimumLength, "the CLI header", sectionTableOffset);
        var cli = source.Read(cliOffset, CliHeaderMinimumLength, "the CLI header");
        var metadataRva = AssemblyByteSource.UInt32(cli, 8);
        var metadataSize = AssemblyByteSource.UInt32(cli, 12);
        if (metadataRva == 0 || metadataSize == 0)
        {
            throw new AssemblyFormatException(cliOffset + 8, "the CLI header has no metadata directory");
        }

        image.MetadataOffset = image.ToFileOffset(metadataRva, metadataSize, "the metadata", cliOffset + 8);
        image.MetadataSize = metadataSize;
        return image;
    }

    /// <summary>Maps an RVA range to a file offset; the whole range must lie in one section's raw data inside the file.</summary>
    public long ToFileOffset(uint rva, long size, string what, long reportedOffset)
    {
        foreach (var (virtualAddress, virtualSize, rawSize, rawPointer) in _sections)
        {
            var extent = System.Math.Max(virtualSize, rawSize);
            if (rva < virtualAddress || rva - virtualAddress >= extent)
            {
                continue;
            }

            var inSection = (long)rva - virtualAddress;
            if (inSection + size > rawSize)
            {
                throw new AssemblyFormatException(
                    reportedOffset,
                    string.Format(CultureInfo.InvariantCulture, "{0} ({1} bytes at RVA 0x{2:x}) runs past its section's data", what, size, rva));
            }

            var offset = rawPointer + inSection;
            if (!_source.Contains(offset, size))
            {
                throw new AssemblyFormatException(
                    offset,
                    string.Format(CultureInfo.InvariantCulture, "{0} ({1} bytes at offset 0x{2:x}) extends past the end of the file ({3} bytes)", what, size, offset, _source.Length));
            }

            return offset;
        }

        throw new AssemblyFormatException(
            reportedOffset,
            string.Format(CultureInfo.InvariantCulture, "{0} is at RVA 0x{1:x}, which no section contains", what, rva));
    }
}
