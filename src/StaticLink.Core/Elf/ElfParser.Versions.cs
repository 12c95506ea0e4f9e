using System;
using System.Collections.Generic;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    /// <summary>
    /// Version index (vna_other) to the library and version name it stands for, for the versioned imports. Indexes are
    /// small numbers (2, 3, ...), so an array of a class of this assembly: a Dictionary keyed by ushort was generic code
    /// outside this assembly's ReadyToRun image, JIT-compiled on the first file of every process. With the dynamic
    /// table's List of structs it made the first ELF file read in a publish cost 6.4 to 8.4 ms; without both, 3.1 to
    /// 4.2 ms (the next file: 0.3 ms). Measured in MSBuild, 3 and 4 clean self-contained publishes of the
    /// build/bench.sh publish project, libcoreclr.so read first. An empty array: no needed version at all (it grows
    /// only to hold one).
    /// </summary>
    private ElfNeededVersion?[] _neededVersionsByIndex = [];

    private void ReadVersionNeeds()
    {
        var address = DynamicValue(DT_VERNEED);
        if (address is null)
        {
            return;
        }

        var declaredCount = DynamicValue(DT_VERNEEDNUM);
        var offset = MapAddress(address.Value, "DT_VERNEED");
        var needs = new List<ElfVersionNeed>();

        // vn_next is unsigned and the walk stops at 0, so every step moves forward: the chain cannot loop, and with
        // each entry read inside the file, the file's length bounds the walk even when the count is a lie.
        var limit = declaredCount ?? ulong.MaxValue;
        for (ulong index = 0; index < limit; index++)
        {
            var entry = _source.Read(offset, VerneedSize, "version need entry (Verneed)");
            var auxiliaryCount = _decoder.U16(entry, 2);
            var library = DynamicString(_decoder.U32(entry, 4), "vn_file");
            var auxiliaryOffset = offset + _decoder.U32(entry, 8);
            var next = _decoder.U32(entry, 12);
            needs.Add(new ElfVersionNeed(library, ReadVersionNeedAuxiliaries(library, auxiliaryOffset, auxiliaryCount)));
            if (next == 0)
            {
                break;
            }

            offset += next;
        }

        _file.VersionNeeds = needs;
    }

    private List<string> ReadVersionNeedAuxiliaries(string library, ulong offset, ushort count)
    {
        var versions = new List<string>();

        // vna_next, like vn_next, only moves forward.
        for (var index = 0; index < count; index++)
        {
            var auxiliary = _source.Read(offset, VernauxSize, "version need auxiliary (Vernaux)");
            var versionIndex = (ushort)(_decoder.U16(auxiliary, 6) & ~VERSYM_HIDDEN);
            var name = DynamicString(_decoder.U32(auxiliary, 8), "vna_name");
            versions.Add(name);
            SetNeededVersion(versionIndex, new ElfNeededVersion(library, name));
            var next = _decoder.U32(auxiliary, 12);
            if (next == 0)
            {
                break;
            }

            offset += next;
        }

        return versions;
    }

    private void SetNeededVersion(ushort index, ElfNeededVersion version)
    {
        if (index >= _neededVersionsByIndex.Length)
        {
            var larger = new ElfNeededVersion?[Math.Max(index + 1, _neededVersionsByIndex.Length * 2)];
            Array.Copy(_neededVersionsByIndex, larger, _neededVersionsByIndex.Length);
            _neededVersionsByIndex = larger;
        }

        _neededVersionsByIndex[index] = version;
    }

    private void ReadVersionDefinitions()
    {
        var address = DynamicValue(DT_VERDEF);
        if (address is null)
        {
            return;
        }

        var declaredCount = DynamicValue(DT_VERDEFNUM);
        var offset = MapAddress(address.Value, "DT_VERDEF");
        var definitions = new List<string>();

        // vd_next, like vn_next, only moves forward.
        var limit = declaredCount ?? ulong.MaxValue;
        for (ulong index = 0; index < limit; index++)
        {
            var entry = _source.Read(offset, VerdefSize, "version definition (Verdef)");
            var auxiliaryCount = _decoder.U16(entry, 6);
            var auxiliaryOffset = _decoder.U32(entry, 12);
            var next = _decoder.U32(entry, 16);
            if (auxiliaryCount > 0)
            {
                var auxiliary = _source.Read(offset + auxiliaryOffset, VerdauxSize, "version definition auxiliary (Verdaux)");
                definitions.Add(DynamicString(_decoder.U32(auxiliary, 0), "vda_name"));
            }

            if (next == 0)
            {
                break;
            }

            offset += next;
        }

        _file.VersionDefinitions = definitions;
    }

    /// <summary>
    /// Lists undefined dynamic symbols with the needed version each is bound to: what a "requires GLIBC_2.34" verdict
    /// must name. The symbol count comes from the .dynsym section, or DT_HASH, or DT_GNU_HASH for sstripped files.
    /// </summary>
    private void ReadVersionedImports()
    {
        var symbolTableAddress = DynamicValue(DT_SYMTAB);
        var versionTableAddress = DynamicValue(DT_VERSYM);
        if (symbolTableAddress is null || versionTableAddress is null || _neededVersionsByIndex.Length == 0)
        {
            return;
        }

        var symbolSize = (ulong)(_decoder.Is64 ? Elf64SymbolSize : Elf32SymbolSize);
        var count = CountDynamicSymbols(symbolSize);
        if (count == 0)
        {
            return;
        }

        var symbolOffset = MapAddress(symbolTableAddress.Value, "DT_SYMTAB");
        var versionOffset = MapAddress(versionTableAddress.Value, "DT_VERSYM");
        if (count > (ulong)_source.Length / symbolSize)
        {
            throw new ElfFormatException((long)symbolOffset, $"dynamic symbol count {count} is larger than the file could hold");
        }

        var symbols = _source.Read(symbolOffset, count * symbolSize, "dynamic symbol table");
        var versions = _source.Read(versionOffset, count * 2, "symbol version table (DT_VERSYM)");
        var imports = new List<ElfVersionedImport>();
        for (var index = 1; index < (int)count; index++)
        {
            var at = index * (int)symbolSize;
            var sectionIndex = _decoder.Is64 ? _decoder.U16(symbols, at + 6) : _decoder.U16(symbols, at + 14);
            if (sectionIndex != SHN_UNDEF)
            {
                continue;
            }

            var versionIndex = (ushort)(_decoder.U16(versions, index * 2) & ~VERSYM_HIDDEN);
            if (versionIndex < 2 || versionIndex >= _neededVersionsByIndex.Length || _neededVersionsByIndex[versionIndex] is not { } version)
            {
                continue;
            }

            var name = DynamicString(_decoder.U32(symbols, at), "symbol name");
            imports.Add(new ElfVersionedImport(name, version.Library, version.Version));
        }

        _file.VersionedImports = imports;
    }

    private ulong CountDynamicSymbols(ulong symbolSize)
    {
        foreach (var section in _sections)
        {
            if (section.Type == SHT_DYNSYM && section.Size > 0)
            {
                var entrySize = section.EntrySize == 0 ? symbolSize : section.EntrySize;
                return section.Size / entrySize;
            }
        }

        var hash = DynamicValue(DT_HASH);
        if (hash is not null)
        {
            // DT_HASH: nbucket, nchain, ...; nchain equals the number of symbols.
            var header = _source.Read(MapAddress(hash.Value, "DT_HASH"), 8, "DT_HASH header");
            return _decoder.U32(header, 4);
        }

        var gnuHash = DynamicValue(DT_GNU_HASH);
        return gnuHash is null ? 0 : CountSymbolsFromGnuHash(gnuHash.Value);
    }

    /// <summary>
    /// DT_GNU_HASH does not store the count: the highest symbol index is found by following the chain of the
    /// largest bucket to the entry whose low bit marks the end.
    /// </summary>
    private ulong CountSymbolsFromGnuHash(ulong address)
    {
        var offset = MapAddress(address, "DT_GNU_HASH");
        var header = _source.Read(offset, 16, "DT_GNU_HASH header");
        ulong bucketCount = _decoder.U32(header, 0);
        ulong symbolBase = _decoder.U32(header, 4);
        ulong bloomCount = _decoder.U32(header, 8);
        var bucketsOffset = offset + 16 + (bloomCount * (ulong)_decoder.WordSize);
        if (bucketCount > (ulong)_source.Length / 4 || bloomCount > (ulong)_source.Length)
        {
            throw new ElfFormatException((long)offset, "DT_GNU_HASH bucket or bloom count is larger than the file could hold");
        }

        var buckets = _source.Read(bucketsOffset, bucketCount * 4, "DT_GNU_HASH buckets");
        ulong highest = 0;
        for (var index = 0; index < (int)bucketCount; index++)
        {
            var value = _decoder.U32(buckets, index * 4);
            if (value > highest)
            {
                highest = value;
            }
        }

        if (highest < symbolBase)
        {
            return symbolBase;
        }

        // Read the chain in blocks rather than word by word: a corrupt chain without an end marker then costs a
        // bounded number of reads up to the end of the file, not millions.
        const int BlockWords = 1024;
        var chainsOffset = bucketsOffset + (bucketCount * 4);
        var position = chainsOffset + ((highest - symbolBase) * 4);
        var symbolIndex = highest;
        while (position < (ulong)_source.Length)
        {
            var words = System.Math.Min(BlockWords, ((ulong)_source.Length - position) / 4);
            if (words == 0)
            {
                break;
            }

            var block = _source.Read(position, words * 4, "DT_GNU_HASH chain");
            for (var word = 0; word < (int)words; word++)
            {
                if ((_decoder.U32(block, word * 4) & 1) != 0)
                {
                    return symbolIndex + (ulong)word + 1;
                }
            }

            position += words * 4;
            symbolIndex += words;
        }

        throw new ElfFormatException((long)chainsOffset, "DT_GNU_HASH chain has no end marker");
    }
}
