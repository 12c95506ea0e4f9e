using System.Collections.Generic;

namespace StaticLink.Core.Elf;

/// <summary>
/// Everything StaticLink reads from one ELF file: the raw facts in file order, and the verdicts derived from them.
/// Produced by <see cref="ElfReader"/>; immutable.
/// </summary>
public sealed class ElfFile
{
    internal ElfFile()
    {
    }

    public ElfClass Class { get; internal set; }

    public ElfEndianness Endianness { get; internal set; }

    /// <summary>e_machine; values outside the enum keep their number.</summary>
    public ElfMachine Machine { get; internal set; }

    /// <summary>The short machine name used in reports and JSON (x86_64, aarch64, arm, ...).</summary>
    public string MachineName => ElfNames.Machine(Machine, Class);

    public ElfFileType Type { get; internal set; }

    /// <summary>EI_OSABI.</summary>
    public byte OsAbi { get; internal set; }

    /// <summary>e_flags, needed to tell hard-float ARM from soft-float and MIPS ABIs.</summary>
    public uint Flags { get; internal set; }

    public ulong Entry { get; internal set; }

    /// <summary>The file's length in bytes at the time it was read.</summary>
    public long Length { get; internal set; }

    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; internal set; } = [];

    /// <summary>Section headers; empty when the file has none (sstrip) or they could not be located.</summary>
    public IReadOnlyList<ElfSection> Sections { get; internal set; } = [];

    /// <summary>PT_INTERP, without its terminating NUL; null when absent.</summary>
    public string? Interpreter { get; internal set; }

    /// <summary>True when the file has a dynamic table (PT_DYNAMIC, or a SHT_DYNAMIC section for objects without program headers).</summary>
    public bool HasDynamicTable { get; internal set; }

    /// <summary>DT_NEEDED in file order.</summary>
    public IReadOnlyList<string> Needed { get; internal set; } = [];

    public string? Soname { get; internal set; }

    /// <summary>DT_RPATH split on ':' (empty elements kept: they mean the working directory).</summary>
    public IReadOnlyList<string> Rpath { get; internal set; } = [];

    /// <summary>DT_RUNPATH split on ':' (empty elements kept).</summary>
    public IReadOnlyList<string> Runpath { get; internal set; } = [];

    /// <summary>DT_FLAGS, or null when the tag is absent.</summary>
    public ulong? DynamicFlags { get; internal set; }

    /// <summary>DT_FLAGS_1, or null when the tag is absent.</summary>
    public ulong? DynamicFlags1 { get; internal set; }

    public bool HasBindNowTag { get; internal set; }

    public bool HasTextRelTag { get; internal set; }

    public bool HasDebugTag { get; internal set; }

    /// <summary>Verneed entries in file order.</summary>
    public IReadOnlyList<ElfVersionNeed> VersionNeeds { get; internal set; } = [];

    /// <summary>Verdef names in file order (the first is usually the file's own soname).</summary>
    public IReadOnlyList<string> VersionDefinitions { get; internal set; } = [];

    /// <summary>Undefined dynamic symbols that are bound to a needed version, in symbol-table order.</summary>
    public IReadOnlyList<ElfVersionedImport> VersionedImports { get; internal set; } = [];

    /// <summary>Undefined dynamic symbols, with their binding (weak ones may stay unresolved); read with <see cref="ElfReadOptions.ReadSymbols"/>.</summary>
    public IReadOnlyList<ElfSymbolReference> UndefinedSymbols { get; internal set; } = [];

    /// <summary>Defined global and weak dynamic symbols of default or protected visibility: what the file exports.</summary>
    public IReadOnlyList<string> ExportedSymbols { get; internal set; } = [];

    /// <summary>The NT_GNU_BUILD_ID descriptor in lower-case hex; null when absent.</summary>
    public string? BuildId { get; internal set; }

    /// <summary>True when a .symtab section is present.</summary>
    public bool HasSymbolTable { get; internal set; }

    /// <summary>True when a .debug_* or .zdebug_* section that is not loaded (DWARF, not .debug_gdb_scripts) is present.</summary>
    public bool HasDebugInfo { get; internal set; }

    /// <summary>
    /// A separate debug file (objcopy --only-keep-debug, NativeAOT's .dbg): its code sections, or its .text, .dynamic,
    /// .interp or .dynstr, hold no bytes, so it is never loaded and its program headers describe another file.
    /// </summary>
    public bool IsDebugCompanion { get; internal set; }

    /// <summary>No .symtab and no debug sections.</summary>
    public bool Stripped => !HasSymbolTable && !HasDebugInfo;

    public ElfLinkage Linkage { get; internal set; }

    public LibcFlavor Libc { get; internal set; }

    /// <summary>ET_DYN with an entry point or interpreter that is meant to run (checksec's PIE); false for plain libraries' own loading is not a question.</summary>
    public bool Pie { get; internal set; }

    public RelroLevel Relro { get; internal set; }

    /// <summary>PT_GNU_STACK present and not executable.</summary>
    public bool Nx { get; internal set; }

    /// <summary>DT_BIND_NOW, DF_BIND_NOW in DT_FLAGS or DF_1_NOW in DT_FLAGS_1.</summary>
    public bool BindNow { get; internal set; }

    /// <summary>DT_TEXTREL or DF_TEXTREL.</summary>
    public bool TextRel { get; internal set; }

    /// <summary>True when the file is fully static: no interpreter and no NEEDED.</summary>
    public bool IsFullyStatic => Interpreter is null && Needed.Count == 0;

    /// <summary>Finds a section by name, or null.</summary>
    public ElfSection? FindSection(string name)
    {
        if (Sections is ElfSectionTable table)
        {
            return table.Find(name);
        }

        foreach (var section in Sections)
        {
            if (section.NameEquals(name))
            {
                return section;
            }
        }

        return null;
    }
}
