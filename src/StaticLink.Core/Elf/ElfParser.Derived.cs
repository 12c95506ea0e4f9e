using System;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    private void DeriveFacts()
    {
        // A debug companion keeps the program's section headers but not its loaded bytes: its code sections, .text or
        // the loader's own sections (.dynamic, .interp, .dynstr) are NOBITS, as they never are in a loadable file.
        var hasCode = false;
        var hasCodeBytes = false;
        var hasEmptiedLoaderSection = false;
        foreach (var section in _sections)
        {
            if ((section.Flags & (SHF_ALLOC | SHF_EXECINSTR)) == (SHF_ALLOC | SHF_EXECINSTR))
            {
                hasCode = true;
                hasCodeBytes |= section.Type != SHT_NOBITS;
            }

            if (section.Type == SHT_NOBITS && (section.NameEquals(".text") || section.NameEquals(".dynamic") || section.NameEquals(".interp") || section.NameEquals(".dynstr")))
            {
                hasEmptiedLoaderSection = true;
            }

            // Names are compared only where the type and flags allow a match, so an object file's thousands of
            // .text.* names are never read: the symbol table is SHT_SYMTAB, debug sections are never loaded.
            if (section.Type == SHT_SYMTAB && section.NameEquals(".symtab"))
            {
                _file.HasSymbolTable = true;
            }
            else if ((section.Flags & SHF_ALLOC) == 0 && (section.NameStartsWith(".debug") || section.NameStartsWith(".zdebug")))
            {
                _file.HasDebugInfo = true;
            }
        }

        _file.IsDebugCompanion = (hasCode && !hasCodeBytes) || hasEmptiedLoaderSection;
        var flags = _file.DynamicFlags ?? 0;
        var flags1 = _file.DynamicFlags1 ?? 0;
        _file.BindNow = _file.HasBindNowTag || (flags & DF_BIND_NOW) != 0 || (flags1 & DF_1_NOW) != 0;
        _file.TextRel = _file.HasTextRelTag || (flags & DF_TEXTREL) != 0;

        var hasRelro = false;
        var hasStack = false;
        var executableStack = false;
        foreach (var header in _programHeaders)
        {
            if (header.Type == PT_GNU_RELRO)
            {
                hasRelro = true;
            }
            else if (header.Type == PT_GNU_STACK)
            {
                hasStack = true;
                executableStack = (header.Flags & PF_X) != 0;
            }
        }

        _file.Relro = !hasRelro ? RelroLevel.None : _file.BindNow ? RelroLevel.Full : RelroLevel.Partial;
        _file.Nx = hasStack && !executableStack;
        _file.Pie = _file.Type == ElfFileType.SharedObject && (_file.Interpreter is not null || (flags1 & DF_1_PIE) != 0);
        _file.Linkage = ClassifyLinkage();
        _file.Libc = LibcClassifier.Classify(_file, StaticLibcTraces);
    }

    private ElfLinkage ClassifyLinkage()
    {
        // A debug companion only describes another file; it is never loaded, so it has no linkage of its own.
        if ((_file.Type != ElfFileType.Executable && _file.Type != ElfFileType.SharedObject) || _file.IsDebugCompanion)
        {
            return ElfLinkage.None;
        }

        if (_file.Interpreter is not null || _file.Needed.Count > 0)
        {
            return ElfLinkage.Dynamic;
        }

        // A position-independent executable without an interpreter is static-pie (DF_1_PIE, as `file` decides); a
        // shared library that needs nothing is still a dynamic library, loaded by the loader like any other.
        if (_file.Type == ElfFileType.SharedObject)
        {
            return ((_file.DynamicFlags1 ?? 0) & DF_1_PIE) != 0 ? ElfLinkage.StaticPie : ElfLinkage.Dynamic;
        }

        return ElfLinkage.Static;
    }
}
