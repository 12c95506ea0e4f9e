using System;
using System.Collections.Generic;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    // An array, not a List: a List of a struct is generic code outside this assembly's ReadyToRun image, JIT-compiled
    // on the first file of every process (see ElfParser.Versions for the measured cost). Null while no table has been
    // read, not [] (Array.Empty over this struct is such generic code too).
    private ElfDynamicEntry[]? _dynamic;
    private ElfStringTable? _dynamicStrings;

    private void ReadDynamicTable()
    {
        if (!TryLocateDynamicTable(out var offset, out var size, out var linkedStringSection))
        {
            return;
        }

        _file.HasDynamicTable = true;
        var entrySize = (ulong)(_decoder.WordSize * 2);
        var bytes = _source.Read(offset, size, "dynamic table");
        var count = (int)(size / entrySize);
        var entries = new ElfDynamicEntry[count];
        var filled = 0;
        var terminated = false;
        for (var index = 0; index < count; index++)
        {
            var at = index * (int)entrySize;
            var tag = _decoder.Is64 ? (long)_decoder.U64(bytes, at) : (int)_decoder.U32(bytes, at);
            if (tag == DT_NULL)
            {
                terminated = true;
                break;
            }

            entries[filled++] = new ElfDynamicEntry(tag, _decoder.Word(bytes, at + _decoder.WordSize));
        }

        if (!terminated)
        {
            throw new ElfFormatException((long)offset, $"dynamic table has no DT_NULL terminator within its {size} bytes");
        }

        var dynamic = new ElfDynamicEntry[filled];
        Array.Copy(entries, dynamic, filled);
        _dynamic = dynamic;

        LoadDynamicStrings(dynamic, linkedStringSection);
        ApplyDynamicEntries(dynamic);
        ReadVersionNeeds();
        ReadVersionDefinitions();
        if (_options.ReadVersionedImports)
        {
            ReadVersionedImports();
        }

        if (_options.ReadSymbols)
        {
            ReadDynamicSymbols();
        }
    }

    /// <summary>
    /// Finds the dynamic table as readelf does: PT_DYNAMIC, refined by a .dynamic section when there are section headers
    /// (a NOBITS .dynamic, as in separate debug files, means there is none); a SHT_DYNAMIC section without program headers.
    /// </summary>
    private bool TryLocateDynamicTable(out ulong offset, out ulong size, out ElfSection? linkedStringSection)
    {
        offset = 0;
        size = 0;
        linkedStringSection = null;
        ElfProgramHeader? segment = null;
        foreach (var header in _programHeaders)
        {
            if (header.Type == PT_DYNAMIC)
            {
                segment = header;
                break;
            }
        }

        ElfSection? section = null;
        foreach (var candidate in _sections)
        {
            // .dynamic is SHT_DYNAMIC, or SHT_NOBITS in a separate debug file; other types need no name lookup.
            if (candidate.Type != SHT_DYNAMIC && candidate.Type != SHT_NOBITS)
            {
                continue;
            }

            var named = candidate.NameEquals(".dynamic");
            if (named || (section is null && candidate.Type == SHT_DYNAMIC))
            {
                section = candidate.ToSection();
                if (named)
                {
                    break;
                }
            }
        }

        if (section is not null)
        {
            if (section.Type == SHT_NOBITS || section.Size == 0)
            {
                return false;
            }

            offset = section.Offset;
            size = section.Size;
            if (section.Link < _sections.Count)
            {
                linkedStringSection = _sections[(int)section.Link];
            }

            return true;
        }

        if (segment is null || segment.FileSize == 0)
        {
            return false;
        }

        offset = segment.Offset;
        size = segment.FileSize;
        return true;
    }

    private void LoadDynamicStrings(ElfDynamicEntry[] dynamic, ElfSection? linkedStringSection)
    {
        ulong? address = null;
        ulong? size = null;
        foreach (var entry in dynamic)
        {
            if (entry.Tag == DT_STRTAB && address is null)
            {
                address = entry.Value;
            }
            else if (entry.Tag == DT_STRSZ && size is null)
            {
                size = entry.Value;
            }
        }

        if (address is not null)
        {
            var offset = MapAddress(address.Value, "DT_STRTAB");
            var length = size ?? MappedBytesAvailable(address.Value);
            if (!_source.Contains(offset, length))
            {
                throw new ElfFormatException(ElfByteSource.ReportedOffset(offset), $"dynamic string table ({length} bytes) extends past the end of the file");
            }

            _dynamicStrings = new ElfStringTable(_source, offset, length);
            return;
        }

        if (linkedStringSection is not null && linkedStringSection.Type != SHT_NOBITS)
        {
            if (!_source.Contains(linkedStringSection.Offset, linkedStringSection.Size))
            {
                throw new ElfFormatException(ElfByteSource.ReportedOffset(linkedStringSection.Offset), "dynamic string table section extends past the end of the file");
            }

            _dynamicStrings = new ElfStringTable(_source, linkedStringSection.Offset, linkedStringSection.Size);
        }
    }

    private void ApplyDynamicEntries(ElfDynamicEntry[] dynamic)
    {
        var needed = new List<string>();
        var rpath = new List<string>();
        var runpath = new List<string>();
        foreach (var entry in dynamic)
        {
            switch (entry.Tag)
            {
                case DT_NEEDED:
                    needed.Add(DynamicString(entry.Value, "DT_NEEDED"));
                    break;
                case DT_SONAME:
                    _file.Soname ??= DynamicString(entry.Value, "DT_SONAME");
                    break;
                case DT_RPATH:
                    rpath.AddRange(DynamicString(entry.Value, "DT_RPATH").Split(':'));
                    break;
                case DT_RUNPATH:
                    runpath.AddRange(DynamicString(entry.Value, "DT_RUNPATH").Split(':'));
                    break;
                case DT_FLAGS:
                    _file.DynamicFlags = entry.Value;
                    break;
                case DT_FLAGS_1:
                    _file.DynamicFlags1 = entry.Value;
                    break;
                case DT_BIND_NOW:
                    _file.HasBindNowTag = true;
                    break;
                case DT_TEXTREL:
                    _file.HasTextRelTag = true;
                    break;
                case DT_DEBUG:
                    _file.HasDebugTag = true;
                    break;
            }
        }

        _file.Needed = needed;
        _file.Rpath = rpath;
        _file.Runpath = runpath;
    }

    /// <summary>A NUL-terminated string of the dynamic string table; an offset outside it is corrupt.</summary>
    private string DynamicString(ulong offset, string what)
    {
        if (_dynamicStrings is null)
        {
            throw new ElfFormatException(0, $"{what} refers to a string, but the file has no dynamic string table (DT_STRTAB)");
        }

        return _dynamicStrings.Get(offset, what);
    }

    private ulong? DynamicValue(long tag)
    {
        if (_dynamic is null)
        {
            return null;
        }

        foreach (var entry in _dynamic)
        {
            if (entry.Tag == tag)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Maps a virtual address to a file offset through the PT_LOAD segments, which is all a loader (or an sstripped
    /// file) has; section headers are the fallback for files without program headers.
    /// </summary>
    private ulong MapAddress(ulong address, string what)
    {
        foreach (var header in _programHeaders)
        {
            if (header.Type == PT_LOAD && address >= header.VirtualAddress && address - header.VirtualAddress < header.FileSize)
            {
                return header.Offset + (address - header.VirtualAddress);
            }
        }

        foreach (var section in _sections)
        {
            if (section.Address != 0 && section.Type != SHT_NOBITS && address >= section.Address && address - section.Address < section.Size)
            {
                return section.Offset + (address - section.Address);
            }
        }

        throw new ElfFormatException(0, $"{what} address 0x{address:x} is not inside any loaded segment");
    }

    /// <summary>How many file bytes follow <paramref name="address"/> inside the segment that maps it.</summary>
    private ulong MappedBytesAvailable(ulong address)
    {
        foreach (var header in _programHeaders)
        {
            if (header.Type == PT_LOAD && address >= header.VirtualAddress && address - header.VirtualAddress < header.FileSize)
            {
                return header.FileSize - (address - header.VirtualAddress);
            }
        }

        return (ulong)_source.Length - MapAddress(address, "address");
    }
}
