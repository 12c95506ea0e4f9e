using System.Collections.Generic;
using System.Text;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    // No real interpreter path comes near this; a larger PT_INTERP is corrupt, and reading it would be unbounded.
    private const int MaximumInterpreterLength = 4096;

    private ElfHeaderFields ReadFileHeader()
    {
        var ident = _source.Read(0, EI_NIDENT, "ELF identification");
        if (!ElfReader.IsElfMagic(ident))
        {
            throw new ElfFormatException(0, "not an ELF file (bad magic)");
        }

        var elfClass = ident[EI_CLASS];
        if (elfClass != ELFCLASS32 && elfClass != ELFCLASS64)
        {
            throw new ElfFormatException(EI_CLASS, $"unknown ELF class {elfClass} (expected 1 for ELF32 or 2 for ELF64)");
        }

        var data = ident[EI_DATA];
        if (data != ELFDATA2LSB && data != ELFDATA2MSB)
        {
            throw new ElfFormatException(EI_DATA, $"unknown byte order {data} (expected 1 for little endian or 2 for big endian)");
        }

        var is64 = elfClass == ELFCLASS64;
        _decoder = new ElfDecoder(data == ELFDATA2MSB, is64);
        _file.Class = (ElfClass)elfClass;
        _file.Endianness = (ElfEndianness)data;
        _file.OsAbi = ident[EI_OSABI];

        var header = _source.Read(0, is64 ? (ulong)Elf64HeaderSize : Elf32HeaderSize, "ELF file header");
        _file.Type = (ElfFileType)_decoder.U16(header, 16);
        _file.Machine = (ElfMachine)_decoder.U16(header, 18);
        _file.Entry = _decoder.Word(header, 24);
        if (is64)
        {
            _file.Flags = _decoder.U32(header, 48);
            return new ElfHeaderFields(
                _decoder.U64(header, 32), _decoder.U16(header, 54), _decoder.U16(header, 56),
                _decoder.U64(header, 40), _decoder.U16(header, 58), _decoder.U16(header, 60), _decoder.U16(header, 62));
        }

        _file.Flags = _decoder.U32(header, 36);
        return new ElfHeaderFields(
            _decoder.U32(header, 28), _decoder.U16(header, 42), _decoder.U16(header, 44),
            _decoder.U32(header, 32), _decoder.U16(header, 46), _decoder.U16(header, 48), _decoder.U16(header, 50));
    }

    private ElfSectionTable ReadSectionHeaders(ElfHeaderFields header)
    {
        if (header.SectionHeaderOffset == 0)
        {
            return ElfSectionTable.Empty;
        }

        var minimumSize = _decoder.Is64 ? Elf64SectionHeaderSize : Elf32SectionHeaderSize;
        if (header.SectionHeaderEntrySize < minimumSize)
        {
            if (header.SectionHeaderCount == 0 && header.SectionHeaderEntrySize == 0)
            {
                return ElfSectionTable.Empty;
            }

            throw new ElfFormatException(_decoder.Is64 ? 58 : 46, $"section header size {header.SectionHeaderEntrySize} is smaller than {minimumSize}");
        }

        // With 0xff00 or more sections the real count lives in section 0's sh_size, and the name table index in sh_link.
        ulong count = header.SectionHeaderCount;
        var first = new ElfSectionTable(
            _source.Read(header.SectionHeaderOffset, header.SectionHeaderEntrySize, "section header 0"), 1, header.SectionHeaderEntrySize, _decoder, ElfSectionNameTable.Empty);
        if (count == 0)
        {
            count = first.SizeAt(0);
        }

        if (count == 0)
        {
            return ElfSectionTable.Empty;
        }

        var tableSize = count * header.SectionHeaderEntrySize;
        if (count > (ulong)_source.Length / header.SectionHeaderEntrySize || !_source.Contains(header.SectionHeaderOffset, tableSize))
        {
            throw new ElfFormatException((long)header.SectionHeaderOffset, $"section header table ({count} entries of {header.SectionHeaderEntrySize} bytes) extends past the end of the file");
        }

        var bytes = _source.Read(header.SectionHeaderOffset, tableSize, "section header table");
        var unnamed = new ElfSectionTable(bytes, (int)count, header.SectionHeaderEntrySize, _decoder, ElfSectionNameTable.Empty);

        // Names are optional: without a usable name table (no index, an index out of range, a table outside the file)
        // the sections keep empty names, as readelf shows them, and are still found by type.
        ulong nameTableIndex = header.SectionNameTableIndex == SHN_XINDEX ? first.LinkAt(0) : header.SectionNameTableIndex;
        if (nameTableIndex == SHN_UNDEF || nameTableIndex >= count)
        {
            return unnamed;
        }

        var nameTable = new ElfSectionView(unnamed, (int)nameTableIndex);
        if (nameTable.Type == SHT_NOBITS || !_source.Contains(nameTable.Offset, nameTable.Size))
        {
            return unnamed;
        }

        var names = new ElfSectionNameTable(new ElfStringTable(_source, nameTable.Offset, nameTable.Size, "section name table"));
        return new ElfSectionTable(bytes, (int)count, header.SectionHeaderEntrySize, _decoder, names);
    }

    private List<ElfProgramHeader> ReadProgramHeaders(ElfHeaderFields header)
    {
        var headers = new List<ElfProgramHeader>();
        if (header.ProgramHeaderOffset == 0 || header.ProgramHeaderCount == 0)
        {
            return headers;
        }

        ulong count = header.ProgramHeaderCount;
        if (count == PN_XNUM && _sections.Count > 0)
        {
            count = ReadExtendedProgramHeaderCount(header);
        }

        var minimumSize = _decoder.Is64 ? Elf64ProgramHeaderSize : Elf32ProgramHeaderSize;
        if (header.ProgramHeaderEntrySize < minimumSize)
        {
            throw new ElfFormatException(_decoder.Is64 ? 54 : 42, $"program header size {header.ProgramHeaderEntrySize} is smaller than {minimumSize}");
        }

        var tableSize = count * header.ProgramHeaderEntrySize;
        if (!_source.Contains(header.ProgramHeaderOffset, tableSize))
        {
            throw new ElfFormatException(ElfByteSource.ReportedOffset(header.ProgramHeaderOffset), $"program header table ({count} entries of {header.ProgramHeaderEntrySize} bytes) extends past the end of the file");
        }

        var table = _source.Read(header.ProgramHeaderOffset, tableSize, "program header table");
        for (var index = 0; index < (int)count; index++)
        {
            var at = index * header.ProgramHeaderEntrySize;
            var type = _decoder.U32(table, at);
            headers.Add(_decoder.Is64
                ? new ElfProgramHeader(type, _decoder.U32(table, at + 4), _decoder.U64(table, at + 8), _decoder.U64(table, at + 16),
                    _decoder.U64(table, at + 32), _decoder.U64(table, at + 40))
                : new ElfProgramHeader(type, _decoder.U32(table, at + 24), _decoder.U32(table, at + 4), _decoder.U32(table, at + 8),
                    _decoder.U32(table, at + 16), _decoder.U32(table, at + 20)));
        }

        return headers;
    }

    private ulong ReadExtendedProgramHeaderCount(ElfHeaderFields header)
    {
        // PN_XNUM: the real count is sh_info of section 0, which the section record does not keep; read it again.
        var first = _source.Read(header.SectionHeaderOffset, header.SectionHeaderEntrySize, "section header 0");
        return _decoder.U32(first, _decoder.Is64 ? 44 : 28);
    }

    private string? ReadInterpreter()
    {
        foreach (var header in _programHeaders)
        {
            // An empty PT_INTERP is what objcopy --only-keep-debug leaves behind; readelf finds no interpreter there either.
            if (header.Type != PT_INTERP || header.FileSize == 0)
            {
                continue;
            }

            if (header.FileSize > MaximumInterpreterLength)
            {
                throw new ElfFormatException(ElfByteSource.ReportedOffset(header.Offset), $"PT_INTERP is {header.FileSize} bytes, longer than any interpreter path");
            }

            var bytes = _source.Read(header.Offset, header.FileSize, "PT_INTERP");
            var length = 0;
            while (length < bytes.Length && bytes[length] != 0)
            {
                length++;
            }

            return Encoding.UTF8.GetString(bytes, 0, length);
        }

        return null;
    }
}
