using System;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Scanning;

/// <summary>
/// What `strip` would take off a file that still has its symbols: size is what people trade for static linking, and
/// an unstripped static executable is often twice the size it ships at. Computed from the section headers alone:
/// the bytes of the symbol table, its string table and the debug sections, plus their section headers and names.
/// Only the alignment padding between the remaining sections is not modelled, so the estimate is within a few dozen
/// bytes of what `strip` really produces.
/// </summary>
public static class StripEstimate
{

    /// <summary>
    /// The file's size after `strip` (--strip-all), or null when there is nothing to strip (already stripped, no
    /// section headers) or the file is not something one strips (objects, debug-symbol files).
    /// </summary>
    public static long? StrippedSize(ElfFile elf, long size)
    {
        if (elf is null)
        {
            throw new ArgumentNullException(nameof(elf));
        }

        if (elf.Stripped || elf.IsDebugCompanion || (elf.Type != ElfFileType.Executable && elf.Type != ElfFileType.SharedObject))
        {
            return null;
        }

        var headerSize = elf.Class == ElfClass.Elf32 ? 40L : 64L;
        long removed = 0;
        foreach (var section in elf.Sections)
        {
            if (!IsRemovedByStrip(section))
            {
                continue;
            }

            if (section.Type != ElfConstants.SHT_NOBITS)
            {
                removed += (long)Math.Min(section.Size, (ulong)long.MaxValue / 4);
            }

            // Its header goes, and its name leaves the section name table.
            removed += headerSize + section.Name.Length + 1;
            if (removed >= size)
            {
                // Section headers that claim more than the file holds: no estimate rather than a negative size.
                return null;
            }
        }

        return removed == 0 ? null : size - removed;
    }

    /// <summary>The sections `strip` removes from an executable or shared library: symbols and debug information.</summary>
    public static bool IsRemovedByStrip(ElfSection section)
    {
        if (section is null)
        {
            throw new ArgumentNullException(nameof(section));
        }

        // Compared in place: only the few removed sections' names are ever decoded.
        return section.NameEquals(".symtab")
            || section.NameEquals(".strtab")
            || section.NameEquals(".stab")
            || section.NameEquals(".stabstr")
            || section.NameStartsWith(".debug")
            || section.NameStartsWith(".zdebug");
    }
}
