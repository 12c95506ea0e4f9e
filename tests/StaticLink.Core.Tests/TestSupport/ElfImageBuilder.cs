using System;
using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Crafts ELF files byte by byte: either class, either byte order, any machine and type, with the program headers,
/// dynamic table, version needs and definitions, symbols and notes a test asks for, with or without section headers.
/// </summary>
/// <remarks>
/// Layout: one read-only PT_LOAD holds the headers, the interpreter and the notes; a second, writable PT_LOAD holds
/// the hash table, .dynsym, .gnu.version, .dynstr, .gnu.version_r, .gnu.version_d and .dynamic. The second segment's
/// addresses differ from its file offsets by a delta that is not the first segment's, so a reader that uses a
/// DT_* address as a file offset, or maps every address through the first PT_LOAD, reads the wrong bytes.
/// </remarks>
internal sealed class ElfImageBuilder
{
    private const ulong ExecutableBase = 0x400000;
    private const ulong SecondSegmentDelta = 0x200000;

    private readonly ElfClass _class;
    private readonly ElfEndianness _endianness;
    private readonly List<string> _needed = [];
    private readonly List<(string Library, List<string> Versions)> _versionNeeds = [];
    private readonly List<(string Name, string? Parent)> _versionDefinitions = [];
    private readonly List<(string Symbol, string? Library, string? Version, bool Defined)> _dynamicSymbols = [];
    private readonly List<(long Tag, ulong Value)> _extraDynamic = [];
    private readonly List<byte[]> _extraNotes = [];
    private readonly List<string> _symbolNames = ["main"];

    private ushort _machine = 62;
    private ElfFileType _type = ElfFileType.SharedObject;
    private byte _osAbi;
    private uint _flags;
    private ulong? _entry;
    private string? _interpreter;
    private string? _soname;
    private string? _rpath;
    private string? _runpath;
    private ulong? _dynamicFlags;
    private ulong? _dynamicFlags1;
    private bool _bindNowTag;
    private bool _textRelTag;
    private bool _debugTag;
    private bool _forceDynamic;
    private bool _gnuHash;
    private bool? _executableStack;
    private bool _relro;
    private byte[]? _buildId;
    private bool _abiTag;
    private bool _sectionHeaders = true;
    private bool _symbolTable;
    private string? _debugSection;
    private bool _programHeaders = true;
    private bool _dynamicSegment = true;
    private bool? _codeHasBytes;

    public ElfImageBuilder(ElfClass elfClass, ElfEndianness endianness)
    {
        if (elfClass is not (ElfClass.Elf32 or ElfClass.Elf64) || endianness is not (ElfEndianness.Little or ElfEndianness.Big))
        {
            throw new ArgumentException("the builder writes ELF32/ELF64, little/big endian");
        }

        _class = elfClass;
        _endianness = endianness;
    }

    public static ElfImageBuilder Elf64Little() => new(ElfClass.Elf64, ElfEndianness.Little);

    public ElfImageBuilder Machine(ushort machine)
    {
        _machine = machine;
        return this;
    }

    public ElfImageBuilder Machine(ElfMachine machine) => Machine((ushort)machine);

    public ElfImageBuilder Type(ElfFileType type)
    {
        _type = type;
        return this;
    }

    public ElfImageBuilder OsAbi(byte osAbi)
    {
        _osAbi = osAbi;
        return this;
    }

    public ElfImageBuilder Flags(uint flags)
    {
        _flags = flags;
        return this;
    }

    public ElfImageBuilder Entry(ulong entry)
    {
        _entry = entry;
        return this;
    }

    public ElfImageBuilder Interpreter(string path)
    {
        _interpreter = path;
        return this;
    }

    public ElfImageBuilder Needed(params string[] libraries)
    {
        _needed.AddRange(libraries);
        return this;
    }

    public ElfImageBuilder Soname(string soname)
    {
        _soname = soname;
        return this;
    }

    public ElfImageBuilder Rpath(string rpath)
    {
        _rpath = rpath;
        return this;
    }

    public ElfImageBuilder Runpath(string runpath)
    {
        _runpath = runpath;
        return this;
    }

    public ElfImageBuilder DynamicFlags(ulong flags)
    {
        _dynamicFlags = flags;
        return this;
    }

    public ElfImageBuilder DynamicFlags1(ulong flags)
    {
        _dynamicFlags1 = flags;
        return this;
    }

    public ElfImageBuilder BindNowTag()
    {
        _bindNowTag = true;
        return this;
    }

    public ElfImageBuilder TextRelTag()
    {
        _textRelTag = true;
        return this;
    }

    public ElfImageBuilder DebugTag()
    {
        _debugTag = true;
        return this;
    }

    /// <summary>Emit a dynamic table even when nothing else asks for one (static-pie).</summary>
    public ElfImageBuilder DynamicTable()
    {
        _forceDynamic = true;
        return this;
    }

    /// <summary>Keep the dynamic table in the file but leave out PT_DYNAMIC (objects found through SHT_DYNAMIC).</summary>
    public ElfImageBuilder WithoutDynamicSegment()
    {
        _dynamicSegment = false;
        return this;
    }

    public ElfImageBuilder ExtraDynamic(long tag, ulong value)
    {
        _extraDynamic.Add((tag, value));
        return this;
    }

    public ElfImageBuilder VersionNeed(string library, params string[] versions)
    {
        var existing = _versionNeeds.FindIndex(v => v.Library == library);
        if (existing >= 0)
        {
            _versionNeeds[existing].Versions.AddRange(versions);
        }
        else
        {
            _versionNeeds.Add((library, versions.ToList()));
        }

        return this;
    }

    /// <summary>A Verdef entry; the first one added is the file's base definition (VER_FLG_BASE, index 1).</summary>
    public ElfImageBuilder VersionDefinition(string name, string? parent = null)
    {
        _versionDefinitions.Add((name, parent));
        return this;
    }

    /// <summary>An undefined dynamic symbol bound through .gnu.version to a needed version (added if missing).</summary>
    public ElfImageBuilder Import(string symbol, string library, string version)
    {
        var need = _versionNeeds.FindIndex(v => v.Library == library);
        if (need < 0 || !_versionNeeds[need].Versions.Contains(version))
        {
            VersionNeed(library, version);
        }

        _dynamicSymbols.Add((symbol, library, version, false));
        return this;
    }

    /// <summary>An undefined dynamic symbol with the *global* version index: not a versioned import.</summary>
    public ElfImageBuilder UnversionedImport(string symbol)
    {
        _dynamicSymbols.Add((symbol, null, null, false));
        return this;
    }

    /// <summary>A defined dynamic symbol: never an import.</summary>
    public ElfImageBuilder Export(string symbol)
    {
        _dynamicSymbols.Add((symbol, null, null, true));
        return this;
    }

    /// <summary>Describe .dynsym with DT_GNU_HASH instead of DT_HASH (needs at least one exported symbol).</summary>
    public ElfImageBuilder GnuHash()
    {
        _gnuHash = true;
        return this;
    }

    public ElfImageBuilder GnuStack(bool executable)
    {
        _executableStack = executable;
        return this;
    }

    public ElfImageBuilder Relro()
    {
        _relro = true;
        return this;
    }

    public ElfImageBuilder BuildId(byte[] id)
    {
        _buildId = id;
        return this;
    }

    /// <summary>The NT_GNU_ABI_TAG note glibc's start files put into every executable ("for GNU/Linux 3.2.0").</summary>
    public ElfImageBuilder AbiTagNote()
    {
        _abiTag = true;
        return this;
    }

    /// <summary>A raw note (namesz, descsz, type, name, desc) appended to the PT_NOTE segment.</summary>
    public ElfImageBuilder Note(string owner, uint type, byte[] descriptor)
    {
        _extraNotes.Add(EncodeNote(owner, type, descriptor));
        return this;
    }

    public ElfImageBuilder WithoutSectionHeaders()
    {
        _sectionHeaders = false;
        return this;
    }

    public ElfImageBuilder WithoutProgramHeaders()
    {
        _programHeaders = false;
        return this;
    }

    /// <summary>A .symtab with "main" and the given names (global functions), and its .strtab.</summary>
    public ElfImageBuilder SymbolTable(params string[] names)
    {
        _symbolTable = true;
        _symbolNames.AddRange(names);
        return this;
    }

    /// <summary>A .text section (SHF_ALLOC|SHF_EXECINSTR); without bytes (NOBITS) it is what a separate debug file keeps.</summary>
    public ElfImageBuilder CodeSection(bool withBytes = true)
    {
        _codeHasBytes = withBytes;
        return this;
    }

    public ElfImageBuilder DebugSection(string name = ".debug_info")
    {
        _debugSection = name;
        return this;
    }

    public ElfImage Build() => new Writer(this).Write();

    private byte[] EncodeNote(string owner, uint type, byte[] descriptor)
    {
        var buffer = new ElfByteBuffer(_class, _endianness);
        var name = System.Text.Encoding.UTF8.GetBytes(owner + "\0");
        buffer.U32((uint)name.Length);
        buffer.U32((uint)descriptor.Length);
        buffer.U32(type);
        buffer.Bytes(name);
        buffer.Align(4);
        buffer.Bytes(descriptor);
        buffer.Align(4);
        return buffer.ToArray();
    }

    /// <summary>One build: lays every structure out first, then writes them in file order.</summary>
    private sealed class Writer
    {
        private readonly ElfImageBuilder _b;
        private readonly ElfByteBuffer _out;
        private readonly List<ElfImageRegion> _regions = [];
        private readonly List<(long Tag, int Offset)> _dynamicOffsets = [];
        private readonly List<(uint Type, int Offset)> _phdrOffsets = [];
        private readonly List<(string Name, int Offset)> _shdrOffsets = [];
        private readonly StringTable _dynstr = new();
        private readonly StringTable _shstrtab = new();
        private readonly StringTable _strtab = new();
        private readonly bool _is64;
        private readonly int _word;
        private readonly ulong _base;
        private readonly ulong _delta;

        public Writer(ElfImageBuilder builder)
        {
            _b = builder;
            _out = new ElfByteBuffer(builder._class, builder._endianness);
            _is64 = builder._class == ElfClass.Elf64;
            _word = _is64 ? 8 : 4;
            _base = builder._type == ElfFileType.Executable ? ExecutableBase : 0;
            _delta = _base + SecondSegmentDelta;
        }

        private int HeaderSize => _is64 ? 64 : 52;

        private int PhdrSize => _is64 ? 56 : 32;

        private int ShdrSize => _is64 ? 64 : 40;

        private int SymSize => _is64 ? 24 : 16;

        private int DynSize => 2 * _word;

        public ElfImage Write()
        {
            var b = _b;
            var hasSymbols = b._dynamicSymbols.Count > 0;
            if (b._gnuHash && !b._dynamicSymbols.Any(s => s.Defined))
            {
                throw new InvalidOperationException("DT_GNU_HASH cannot describe a .dynsym without defined symbols");
            }

            var hasDynamic = b._forceDynamic || b._needed.Count > 0 || b._soname != null || b._rpath != null || b._runpath != null
                || b._dynamicFlags != null || b._dynamicFlags1 != null || b._bindNowTag || b._textRelTag || b._debugTag
                || b._versionNeeds.Count > 0 || b._versionDefinitions.Count > 0 || hasSymbols || b._extraDynamic.Count > 0;

            // Strings first: every later size depends on them.
            var neededOffsets = b._needed.Select(_dynstr.Add).ToList();
            var sonameOffset = b._soname is null ? 0 : _dynstr.Add(b._soname);
            var rpathOffset = b._rpath is null ? 0 : _dynstr.Add(b._rpath);
            var runpathOffset = b._runpath is null ? 0 : _dynstr.Add(b._runpath);
            foreach (var (library, versions) in b._versionNeeds)
            {
                _dynstr.Add(library);
                versions.ForEach(v => _dynstr.Add(v));
            }

            foreach (var (name, parent) in b._versionDefinitions)
            {
                _dynstr.Add(name);
                if (parent != null)
                {
                    _dynstr.Add(parent);
                }
            }

            // Imports come first in .dynsym: DT_GNU_HASH only covers the defined symbols at the end.
            var symbols = b._dynamicSymbols.Where(s => !s.Defined).Concat(b._dynamicSymbols.Where(s => s.Defined)).ToList();
            symbols.ForEach(s => _dynstr.Add(s.Symbol));
            var symbolCount = hasSymbols ? symbols.Count + 1 : 0;
            var firstDefined = 1 + symbols.Count(s => !s.Defined);

            // Version indexes: 1..n for definitions (1 also means *global*), then the needs.
            var versionIndex = new Dictionary<(string, string), ushort>();
            ushort nextIndex = (ushort)Math.Max(2, b._versionDefinitions.Count + 1);
            foreach (var (library, versions) in b._versionNeeds)
            {
                foreach (var version in versions)
                {
                    versionIndex[(library, version)] = nextIndex++;
                }
            }

            var notes = new List<byte[]>();
            if (b._buildId != null)
            {
                notes.Add(b.EncodeNote("GNU", ElfSpec.NT_GNU_BUILD_ID, b._buildId));
            }

            if (b._abiTag)
            {
                var descriptor = new ElfByteBuffer(b._class, b._endianness);
                descriptor.U32(0);
                descriptor.U32(3);
                descriptor.U32(2);
                descriptor.U32(0);
                notes.Add(b.EncodeNote("GNU", ElfSpec.NT_GNU_ABI_TAG, descriptor.ToArray()));
            }

            notes.AddRange(b._extraNotes);

            // Program header list (types only; offsets come after layout).
            var phdrTypes = new List<uint>();
            if (b._programHeaders)
            {
                if (b._interpreter != null)
                {
                    phdrTypes.Add(ElfSpec.PT_PHDR);
                    phdrTypes.Add(ElfSpec.PT_INTERP);
                }

                phdrTypes.Add(ElfSpec.PT_LOAD);
                if (hasDynamic)
                {
                    phdrTypes.Add(ElfSpec.PT_LOAD);
                    if (b._dynamicSegment)
                    {
                        phdrTypes.Add(ElfSpec.PT_DYNAMIC);
                    }
                }

                if (notes.Count > 0)
                {
                    phdrTypes.Add(ElfSpec.PT_NOTE);
                }

                if (b._executableStack != null)
                {
                    phdrTypes.Add(ElfSpec.PT_GNU_STACK);
                }

                if (b._relro && hasDynamic)
                {
                    phdrTypes.Add(ElfSpec.PT_GNU_RELRO);
                }
            }

            // ---- layout ----
            var at = HeaderSize;
            var phOff = phdrTypes.Count > 0 ? at : 0;
            at += phdrTypes.Count * PhdrSize;
            var interpOff = at;
            var interpSize = b._interpreter is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(b._interpreter) + 1;
            at += interpSize;
            at = Align(at, 4);
            var notesOff = at;
            var notesSize = notes.Sum(n => n.Length);
            at += notesSize;
            var firstSegmentEnd = at;

            at = Align(at, 16);
            var secondSegmentStart = at;
            int hashOff = 0, hashSize = 0, dynsymOff = 0, versymOff = 0, dynstrOff = 0, verneedOff = 0, verneedSize = 0;
            int verdefOff = 0, verdefSize = 0, dynamicOff = 0, dynamicSize = 0;
            var gnuHashBloomWords = 1;
            if (hasDynamic)
            {
                if (hasSymbols)
                {
                    hashOff = at = Align(at, _word);
                    hashSize = b._gnuHash
                        ? 16 + (gnuHashBloomWords * _word) + 4 + (4 * (symbolCount - firstDefined))
                        : 8 + 4 + (4 * symbolCount);
                    at += hashSize;
                    dynsymOff = at = Align(at, _word);
                    at += symbolCount * SymSize;
                    versymOff = at = Align(at, 2);
                    at += symbolCount * 2;
                }

                dynstrOff = at;
                at += _dynstr.Length;
                if (b._versionNeeds.Count > 0)
                {
                    verneedOff = at = Align(at, 4);
                    verneedSize = (16 * b._versionNeeds.Count) + (16 * b._versionNeeds.Sum(v => v.Versions.Count));
                    at += verneedSize;
                }

                if (b._versionDefinitions.Count > 0)
                {
                    verdefOff = at = Align(at, 4);
                    verdefSize = (20 * b._versionDefinitions.Count) + (8 * b._versionDefinitions.Sum(d => d.Parent is null ? 1 : 2));
                    at += verdefSize;
                }

                dynamicOff = at = Align(at, _word);
                dynamicSize = DynamicEntries(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).Count * DynSize;
                at += dynamicSize;
            }

            var secondSegmentEnd = at;

            // Non-allocated sections.
            int symtabOff = 0, strtabOff = 0, debugOff = 0, shstrtabOff = 0, shOff = 0;
            var debugBytes = System.Text.Encoding.ASCII.GetBytes("crafted debug info: not DWARF, only present");
            var shNames = new List<string>();
            if (b._sectionHeaders)
            {
                if (b._symbolTable)
                {
                    b._symbolNames.ForEach(n => _strtab.Add(n));
                    symtabOff = at = Align(at, _word);
                    at += (b._symbolNames.Count + 1) * SymSize;
                    strtabOff = at;
                    at += _strtab.Length;
                }

                if (b._debugSection != null)
                {
                    debugOff = at;
                    at += debugBytes.Length;
                }

                shNames = SectionNames(hasDynamic, hasSymbols, notes.Count > 0);
                shNames.ForEach(n => _shstrtab.Add(n));
                shstrtabOff = at;
                at += _shstrtab.Length;
                shOff = at = Align(at, _word);
                at += shNames.Count * ShdrSize;
            }

            // ---- write ----
            var entry = b._entry ?? (b._type is ElfFileType.Executable || b._interpreter != null ? _base + (ulong)interpOff : 0);
            WriteHeader(entry, phOff, phdrTypes.Count, shOff, shNames.Count, shNames.IndexOf(".shstrtab"));
            _regions.Add(new("elf header", 0, HeaderSize));

            if (phdrTypes.Count > 0)
            {
                _regions.Add(new("program headers", phOff, phdrTypes.Count * PhdrSize));
                var relroOff = dynamicOff;
                foreach (var type in phdrTypes)
                {
                    var row = type switch
                    {
                        ElfSpec.PT_PHDR => (ElfSpec.PF_R, phOff, _base + (ulong)phOff, phdrTypes.Count * PhdrSize, phdrTypes.Count * PhdrSize, 8),
                        ElfSpec.PT_INTERP => (ElfSpec.PF_R, interpOff, _base + (ulong)interpOff, interpSize, interpSize, 1),
                        ElfSpec.PT_NOTE => (ElfSpec.PF_R, notesOff, _base + (ulong)notesOff, notesSize, notesSize, 4),
                        ElfSpec.PT_DYNAMIC => (ElfSpec.PF_R | ElfSpec.PF_W, dynamicOff, _delta + (ulong)dynamicOff, dynamicSize, dynamicSize, _word),
                        ElfSpec.PT_GNU_STACK => (ElfSpec.PF_R | ElfSpec.PF_W | (b._executableStack == true ? ElfSpec.PF_X : 0), 0, 0UL, 0, 0, 16),
                        ElfSpec.PT_GNU_RELRO => (ElfSpec.PF_R, relroOff, _delta + (ulong)relroOff, dynamicSize, dynamicSize, 1),
                        _ => (0u, 0, 0UL, 0, 0, 0),
                    };
                    if (type == ElfSpec.PT_LOAD)
                    {
                        var second = _phdrOffsets.Any(p => p.Type == ElfSpec.PT_LOAD);
                        row = second
                            ? (ElfSpec.PF_R | ElfSpec.PF_W, secondSegmentStart, _delta + (ulong)secondSegmentStart,
                                secondSegmentEnd - secondSegmentStart, secondSegmentEnd - secondSegmentStart + 0x40, 0x1000)
                            : (ElfSpec.PF_R | ElfSpec.PF_X, 0, _base, firstSegmentEnd, firstSegmentEnd, 0x1000);
                    }

                    _phdrOffsets.Add((type, _out.Length));
                    WriteProgramHeader(type, row.Item1, (ulong)row.Item2, row.Item3, (ulong)row.Item4, (ulong)row.Item5, (ulong)row.Item6);
                }
            }

            if (b._interpreter != null)
            {
                _out.PadTo(interpOff);
                _out.CString(b._interpreter);
                _regions.Add(new("interpreter", interpOff, interpSize));
            }

            if (notes.Count > 0)
            {
                _out.PadTo(notesOff);
                notes.ForEach(n => _out.Bytes(n));
                _regions.Add(new("notes", notesOff, notesSize));
            }

            if (hasDynamic)
            {
                if (hasSymbols)
                {
                    _out.PadTo(hashOff);
                    WriteHash(symbols, symbolCount, firstDefined, gnuHashBloomWords);
                    _regions.Add(new("hash", hashOff, hashSize));
                    _out.PadTo(dynsymOff);
                    _out.Bytes(new byte[SymSize]);
                    foreach (var symbol in symbols)
                    {
                        WriteSymbol((uint)_dynstr.Add(symbol.Symbol), ElfSpec.STT_FUNC, symbol.Defined ? (ushort)0xfff1 : (ushort)0, symbol.Defined ? 0x1000UL : 0);
                    }

                    _regions.Add(new("dynsym", dynsymOff, symbolCount * SymSize));
                    _out.PadTo(versymOff);
                    _out.U16(0);
                    foreach (var symbol in symbols)
                    {
                        _out.U16(symbol.Version is null ? (ushort)1 : versionIndex[(symbol.Library!, symbol.Version)]);
                    }

                    _regions.Add(new("versym", versymOff, symbolCount * 2));
                }

                _out.PadTo(dynstrOff);
                _out.Bytes(_dynstr.ToArray());
                _regions.Add(new("dynstr", dynstrOff, _dynstr.Length));

                if (b._versionNeeds.Count > 0)
                {
                    _out.PadTo(verneedOff);
                    for (var i = 0; i < b._versionNeeds.Count; i++)
                    {
                        var (library, versions) = b._versionNeeds[i];
                        var entrySize = 16 + (16 * versions.Count);
                        _out.U16(1);
                        _out.U16((ushort)versions.Count);
                        _out.U32((uint)_dynstr.Add(library));
                        _out.U32(versions.Count > 0 ? 16u : 0u);
                        _out.U32(i + 1 < b._versionNeeds.Count ? (uint)entrySize : 0u);
                        for (var j = 0; j < versions.Count; j++)
                        {
                            _out.U32(ElfSpec.ElfHash(versions[j]));
                            _out.U16(0);
                            _out.U16(versionIndex[(library, versions[j])]);
                            _out.U32((uint)_dynstr.Add(versions[j]));
                            _out.U32(j + 1 < versions.Count ? 16u : 0u);
                        }
                    }

                    _regions.Add(new("verneed", verneedOff, verneedSize));
                }

                if (b._versionDefinitions.Count > 0)
                {
                    _out.PadTo(verdefOff);
                    for (var i = 0; i < b._versionDefinitions.Count; i++)
                    {
                        var (name, parent) = b._versionDefinitions[i];
                        var auxCount = parent is null ? 1 : 2;
                        var entrySize = 20 + (8 * auxCount);
                        _out.U16(1);
                        _out.U16(i == 0 ? ElfSpec.VER_FLG_BASE : (ushort)0);
                        _out.U16((ushort)(i + 1));
                        _out.U16((ushort)auxCount);
                        _out.U32(ElfSpec.ElfHash(name));
                        _out.U32(20);
                        _out.U32(i + 1 < b._versionDefinitions.Count ? (uint)entrySize : 0u);
                        _out.U32((uint)_dynstr.Add(name));
                        _out.U32(parent is null ? 0u : 8u);
                        if (parent != null)
                        {
                            _out.U32((uint)_dynstr.Add(parent));
                            _out.U32(0);
                        }
                    }

                    _regions.Add(new("verdef", verdefOff, verdefSize));
                }

                _out.PadTo(dynamicOff);
                var entries = DynamicEntries(
                    sonameOffset,
                    rpathOffset,
                    runpathOffset,
                    hasSymbols ? _delta + (ulong)hashOff : 0,
                    _delta + (ulong)dynstrOff,
                    hasSymbols ? _delta + (ulong)dynsymOff : 0,
                    (ulong)_dynstr.Length,
                    hasSymbols ? _delta + (ulong)versymOff : 0,
                    verneedOff == 0 ? 0 : _delta + (ulong)verneedOff,
                    (ulong)b._versionNeeds.Count,
                    verdefOff == 0 ? 0 : _delta + (ulong)verdefOff,
                    (ulong)b._versionDefinitions.Count);
                for (var i = 0; i < neededOffsets.Count; i++)
                {
                    entries[i] = (ElfSpec.DT_NEEDED, (ulong)neededOffsets[i]);
                }

                foreach (var (tag, value) in entries)
                {
                    _dynamicOffsets.Add((tag, _out.Length));
                    _out.Word(unchecked((ulong)tag));
                    _out.Word(value);
                }

                _regions.Add(new("dynamic", dynamicOff, dynamicSize));
            }

            if (b._sectionHeaders)
            {
                if (b._symbolTable)
                {
                    _out.PadTo(symtabOff);
                    _out.Bytes(new byte[SymSize]);
                    foreach (var name in b._symbolNames)
                    {
                        WriteSymbol((uint)_strtab.Add(name), ElfSpec.STT_FUNC, 0xfff1, _base + 0x40);
                    }

                    _regions.Add(new("symtab", symtabOff, (b._symbolNames.Count + 1) * SymSize));
                    _out.PadTo(strtabOff);
                    _out.Bytes(_strtab.ToArray());
                    _regions.Add(new("strtab", strtabOff, _strtab.Length));
                }

                if (b._debugSection != null)
                {
                    _out.PadTo(debugOff);
                    _out.Bytes(debugBytes);
                    _regions.Add(new("debug", debugOff, debugBytes.Length));
                }

                _out.PadTo(shstrtabOff);
                _out.Bytes(_shstrtab.ToArray());
                _regions.Add(new("shstrtab", shstrtabOff, _shstrtab.Length));
                _out.PadTo(shOff);
                var index = shNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => (uint)p.i);
                uint Link(string name) => index.TryGetValue(name, out var i) ? i : 0;
                foreach (var name in shNames)
                {
                    _shdrOffsets.Add((name, _out.Length));
                    var s = name switch
                    {
                        "" => (ElfSpec.SHT_NULL, 0UL, 0UL, 0, 0, 0u, 0u, 0UL, 0UL),
                        ".interp" => (ElfSpec.SHT_PROGBITS, ElfSpec.SHF_ALLOC, _base + (ulong)interpOff, interpOff, interpSize, 0u, 0u, 1UL, 0UL),
                        ".notes" => (ElfSpec.SHT_NOTE, ElfSpec.SHF_ALLOC, _base + (ulong)notesOff, notesOff, notesSize, 0u, 0u, 4UL, 0UL),
                        ".hash" => (ElfSpec.SHT_HASH, ElfSpec.SHF_ALLOC, _delta + (ulong)hashOff, hashOff, hashSize, Link(".dynsym"), 0u, (ulong)_word, 4UL),
                        ".gnu.hash" => (ElfSpec.SHT_GNU_HASH, ElfSpec.SHF_ALLOC, _delta + (ulong)hashOff, hashOff, hashSize, Link(".dynsym"), 0u, (ulong)_word, 0UL),
                        ".dynsym" => (ElfSpec.SHT_DYNSYM, ElfSpec.SHF_ALLOC, _delta + (ulong)dynsymOff, dynsymOff, symbolCount * SymSize, Link(".dynstr"), 1u, (ulong)_word, (ulong)SymSize),
                        ".dynstr" => (ElfSpec.SHT_STRTAB, ElfSpec.SHF_ALLOC, _delta + (ulong)dynstrOff, dynstrOff, _dynstr.Length, 0u, 0u, 1UL, 0UL),
                        ".gnu.version" => (ElfSpec.SHT_GNU_versym, ElfSpec.SHF_ALLOC, _delta + (ulong)versymOff, versymOff, symbolCount * 2, Link(".dynsym"), 0u, 2UL, 2UL),
                        ".gnu.version_r" => (ElfSpec.SHT_GNU_verneed, ElfSpec.SHF_ALLOC, _delta + (ulong)verneedOff, verneedOff, verneedSize, Link(".dynstr"), (uint)b._versionNeeds.Count, 4UL, 0UL),
                        ".gnu.version_d" => (ElfSpec.SHT_GNU_verdef, ElfSpec.SHF_ALLOC, _delta + (ulong)verdefOff, verdefOff, verdefSize, Link(".dynstr"), (uint)b._versionDefinitions.Count, 4UL, 0UL),
                        ".dynamic" => (ElfSpec.SHT_DYNAMIC, ElfSpec.SHF_ALLOC | ElfSpec.SHF_WRITE, _delta + (ulong)dynamicOff, dynamicOff, dynamicSize, Link(".dynstr"), 0u, (ulong)_word, (ulong)DynSize),
                        ".symtab" => (ElfSpec.SHT_SYMTAB, 0UL, 0UL, symtabOff, (b._symbolNames.Count + 1) * SymSize, Link(".strtab"), 1u, (ulong)_word, (ulong)SymSize),
                        ".strtab" => (ElfSpec.SHT_STRTAB, 0UL, 0UL, strtabOff, _strtab.Length, 0u, 0u, 1UL, 0UL),
                        ".text" => (b._codeHasBytes == true ? ElfSpec.SHT_PROGBITS : ElfSpec.SHT_NOBITS, ElfSpec.SHF_ALLOC | ElfSpec.SHF_EXECINSTR, _base, 0, 16, 0u, 0u, 16UL, 0UL),
                        ".shstrtab" => (ElfSpec.SHT_STRTAB, 0UL, 0UL, shstrtabOff, _shstrtab.Length, 0u, 0u, 1UL, 0UL),
                        _ => (ElfSpec.SHT_PROGBITS, 0UL, 0UL, debugOff, debugBytes.Length, 0u, 0u, 1UL, 0UL),
                    };
                    WriteSectionHeader((uint)(name.Length == 0 ? 0 : _shstrtab.Add(name)), s.Item1, s.Item2, s.Item3, (ulong)s.Item4, (ulong)s.Item5, s.Item6, s.Item7, s.Item8, s.Item9);
                }

                _regions.Add(new("section headers", shOff, shNames.Count * ShdrSize));
            }

            return new ElfImage(_out.ToArray(), b._class, b._endianness, _regions, _dynamicOffsets, _phdrOffsets, _shdrOffsets, _delta);
        }

        private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

        private List<string> SectionNames(bool hasDynamic, bool hasSymbols, bool hasNotes)
        {
            var b = _b;
            var names = new List<string> { string.Empty };
            if (b._interpreter != null)
            {
                names.Add(".interp");
            }

            if (hasNotes)
            {
                // Named like the linker names the build-id note when that is what it holds.
                names.Add(b._buildId != null && !b._abiTag && b._extraNotes.Count == 0 ? ".note.gnu.build-id" : ".notes");
            }

            if (hasDynamic)
            {
                if (hasSymbols)
                {
                    names.Add(b._gnuHash ? ".gnu.hash" : ".hash");
                    names.Add(".dynsym");
                }

                names.Add(".dynstr");
                if (hasSymbols)
                {
                    names.Add(".gnu.version");
                }

                if (b._versionNeeds.Count > 0)
                {
                    names.Add(".gnu.version_r");
                }

                if (b._versionDefinitions.Count > 0)
                {
                    names.Add(".gnu.version_d");
                }

                names.Add(".dynamic");
            }

            if (b._codeHasBytes != null)
            {
                names.Add(".text");
            }

            if (b._symbolTable)
            {
                names.Add(".symtab");
                names.Add(".strtab");
            }

            if (b._debugSection != null)
            {
                names.Add(b._debugSection);
            }

            names.Add(".shstrtab");
            return names;
        }

        /// <summary>The dynamic table in the order the GNU linker writes it; NEEDED slots are filled by the caller.</summary>
        private List<(long Tag, ulong Value)> DynamicEntries(
            int soname, int rpath, int runpath, ulong hash, ulong strtab, ulong symtab, ulong strsz, ulong versym,
            ulong verneed, ulong verneedNum, ulong verdef, ulong verdefNum)
        {
            var b = _b;
            var entries = new List<(long, ulong)>();
            b._needed.ForEach(_ => entries.Add((ElfSpec.DT_NEEDED, 0)));
            if (b._soname != null)
            {
                entries.Add((ElfSpec.DT_SONAME, (ulong)soname));
            }

            if (b._rpath != null)
            {
                entries.Add((ElfSpec.DT_RPATH, (ulong)rpath));
            }

            if (b._runpath != null)
            {
                entries.Add((ElfSpec.DT_RUNPATH, (ulong)runpath));
            }

            if (b._dynamicSymbols.Count > 0)
            {
                entries.Add((b._gnuHash ? ElfSpec.DT_GNU_HASH : ElfSpec.DT_HASH, hash));
            }

            entries.Add((ElfSpec.DT_STRTAB, strtab));
            if (b._dynamicSymbols.Count > 0)
            {
                entries.Add((ElfSpec.DT_SYMTAB, symtab));
            }

            entries.Add((ElfSpec.DT_STRSZ, strsz));
            if (b._dynamicSymbols.Count > 0)
            {
                entries.Add((ElfSpec.DT_SYMENT, (ulong)SymSize));
            }

            if (b._debugTag)
            {
                entries.Add((ElfSpec.DT_DEBUG, 0));
            }

            if (b._textRelTag)
            {
                entries.Add((ElfSpec.DT_TEXTREL, 0));
            }

            if (b._bindNowTag)
            {
                entries.Add((ElfSpec.DT_BIND_NOW, 0));
            }

            if (b._dynamicFlags is { } flags)
            {
                entries.Add((ElfSpec.DT_FLAGS, flags));
            }

            if (b._dynamicFlags1 is { } flags1)
            {
                entries.Add((ElfSpec.DT_FLAGS_1, flags1));
            }

            if (b._dynamicSymbols.Count > 0)
            {
                entries.Add((ElfSpec.DT_VERSYM, versym));
            }

            if (b._versionDefinitions.Count > 0)
            {
                entries.Add((ElfSpec.DT_VERDEF, verdef));
                entries.Add((ElfSpec.DT_VERDEFNUM, verdefNum));
            }

            if (b._versionNeeds.Count > 0)
            {
                entries.Add((ElfSpec.DT_VERNEED, verneed));
                entries.Add((ElfSpec.DT_VERNEEDNUM, verneedNum));
            }

            entries.AddRange(b._extraDynamic);
            entries.Add((ElfSpec.DT_NULL, 0));
            return entries;
        }

        private void WriteHeader(ulong entry, int phOff, int phNum, int shOff, int shNum, int shStrIndex)
        {
            _out.Bytes([0x7f, (byte)'E', (byte)'L', (byte)'F', (byte)_b._class, (byte)_b._endianness, 1, _b._osAbi]);
            _out.PadTo(16);
            _out.U16((ushort)_b._type);
            _out.U16(_b._machine);
            _out.U32(1);
            _out.Word(entry);
            _out.Word((ulong)phOff);
            _out.Word((ulong)shOff);
            _out.U32(_b._flags);
            _out.U16((ushort)HeaderSize);
            _out.U16(phNum > 0 ? (ushort)PhdrSize : (ushort)0);
            _out.U16((ushort)phNum);
            _out.U16((ushort)ShdrSize);
            _out.U16((ushort)shNum);
            _out.U16(shStrIndex < 0 ? (ushort)0 : (ushort)shStrIndex);
        }

        private void WriteProgramHeader(uint type, uint flags, ulong offset, ulong vaddr, ulong filesz, ulong memsz, ulong align)
        {
            _out.U32(type);
            if (_is64)
            {
                _out.U32(flags);
                _out.U64(offset);
                _out.U64(vaddr);
                _out.U64(vaddr);
                _out.U64(filesz);
                _out.U64(memsz);
                _out.U64(align);
            }
            else
            {
                _out.U32((uint)offset);
                _out.U32((uint)vaddr);
                _out.U32((uint)vaddr);
                _out.U32((uint)filesz);
                _out.U32((uint)memsz);
                _out.U32(flags);
                _out.U32((uint)align);
            }
        }

        private void WriteSectionHeader(uint name, uint type, ulong flags, ulong addr, ulong offset, ulong size, uint link, uint info, ulong align, ulong entsize)
        {
            _out.U32(name);
            _out.U32(type);
            _out.Word(flags);
            _out.Word(addr);
            _out.Word(offset);
            _out.Word(size);
            _out.U32(link);
            _out.U32(info);
            _out.Word(align);
            _out.Word(entsize);
        }

        private void WriteSymbol(uint name, byte type, ushort section, ulong value)
        {
            var info = (byte)((ElfSpec.STB_GLOBAL << 4) | type);
            if (_is64)
            {
                _out.U32(name);
                _out.U8(info);
                _out.U8(0);
                _out.U16(section);
                _out.U64(value);
                _out.U64(0);
            }
            else
            {
                _out.U32(name);
                _out.U32((uint)value);
                _out.U32(0);
                _out.U8(info);
                _out.U8(0);
                _out.U16(section);
            }
        }

        private void WriteHash(List<(string Symbol, string? Library, string? Version, bool Defined)> symbols, int symbolCount, int firstDefined, int bloomWords)
        {
            if (!_b._gnuHash)
            {
                // One bucket chaining every symbol: valid, and nchain is the symbol count a section-less reader needs.
                _out.U32(1);
                _out.U32((uint)symbolCount);
                _out.U32(symbolCount > 1 ? 1u : 0u);
                _out.U32(0);
                for (var i = 1; i < symbolCount; i++)
                {
                    _out.U32(i + 1 < symbolCount ? (uint)(i + 1) : 0u);
                }

                return;
            }

            _out.U32(1);
            _out.U32((uint)firstDefined);
            _out.U32((uint)bloomWords);
            _out.U32(6);
            for (var i = 0; i < bloomWords; i++)
            {
                _out.Word(_is64 ? ulong.MaxValue : uint.MaxValue);
            }

            _out.U32((uint)firstDefined);
            for (var i = firstDefined; i < symbolCount; i++)
            {
                var hash = ElfSpec.GnuHash(symbols[i - 1].Symbol) & ~1u;
                _out.U32(i + 1 == symbolCount ? hash | 1u : hash);
            }
        }
    }

    /// <summary>A deduplicating string table that starts with the empty string, as the linker writes them.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal) { [string.Empty] = 0 };
        private readonly List<byte> _bytes = [0];

        public int Length => _bytes.Count;

        public int Add(string value)
        {
            if (_offsets.TryGetValue(value, out var existing))
            {
                return existing;
            }

            var at = _bytes.Count;
            _bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value));
            _bytes.Add(0);
            _offsets[value] = at;
            return at;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
