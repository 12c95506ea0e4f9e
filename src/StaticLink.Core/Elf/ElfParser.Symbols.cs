using System.Collections.Generic;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    /// <summary>
    /// One pass over the dynamic symbol table: what the file needs bound (undefined) and what it offers (exported).
    /// Counts come from the same place as for the versioned imports, and are bounded by the file's length.
    /// </summary>
    private void ReadDynamicSymbols()
    {
        var symbolTableAddress = DynamicValue(DT_SYMTAB);
        if (symbolTableAddress is null)
        {
            return;
        }

        var symbolSize = (ulong)(_decoder.Is64 ? Elf64SymbolSize : Elf32SymbolSize);
        var count = CountDynamicSymbols(symbolSize);
        if (count <= 1)
        {
            return;
        }

        var symbolOffset = MapAddress(symbolTableAddress.Value, "DT_SYMTAB");
        if (count > (ulong)_source.Length / symbolSize)
        {
            throw new ElfFormatException((long)symbolOffset, $"dynamic symbol count {count} is larger than the file could hold");
        }

        var symbols = _source.Read(symbolOffset, count * symbolSize, "dynamic symbol table");
        var undefined = new List<ElfSymbolReference>();
        var exported = new List<string>();
        for (var index = 1; index < (int)count; index++)
        {
            var at = index * (int)symbolSize;
            var info = _decoder.Is64 ? symbols[at + 4] : symbols[at + 12];
            var other = _decoder.Is64 ? symbols[at + 5] : symbols[at + 13];
            var sectionIndex = _decoder.Is64 ? _decoder.U16(symbols, at + 6) : _decoder.U16(symbols, at + 14);
            var binding = (byte)(info >> 4);
            var type = (byte)(info & 0xf);
            if (binding == STB_LOCAL || type == STT_SECTION || type == STT_FILE)
            {
                continue;
            }

            var nameOffset = _decoder.U32(symbols, at);
            if (nameOffset == 0)
            {
                continue;
            }

            var name = DynamicString(nameOffset, "symbol name");
            if (sectionIndex == SHN_UNDEF)
            {
                undefined.Add(new ElfSymbolReference(name, binding == STB_WEAK));
            }
            else
            {
                var visibility = (byte)(other & 0x3);
                if (visibility == STV_DEFAULT || visibility == STV_PROTECTED)
                {
                    exported.Add(name);
                }
            }
        }

        _file.UndefinedSymbols = undefined;
        _file.ExportedSymbols = exported;
    }
}
