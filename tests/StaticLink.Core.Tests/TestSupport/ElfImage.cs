using System;
using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// A crafted ELF file and a map of where each structure landed, so that tests can truncate or corrupt exactly one
/// structure. The bytes are never shared: every accessor hands out a fresh copy.
/// </summary>
internal sealed class ElfImage
{
    private readonly byte[] _bytes;
    private readonly Dictionary<string, ElfImageRegion> _regions;
    private readonly List<(long Tag, int Offset)> _dynamicEntries;
    private readonly List<(uint Type, int Offset)> _programHeaders;
    private readonly List<(string Name, int Offset)> _sectionHeaders;

    internal ElfImage(
        byte[] bytes,
        ElfClass elfClass,
        ElfEndianness endianness,
        IEnumerable<ElfImageRegion> regions,
        List<(long Tag, int Offset)> dynamicEntries,
        List<(uint Type, int Offset)> programHeaders,
        List<(string Name, int Offset)> sectionHeaders,
        ulong loadDelta)
    {
        _bytes = bytes;
        Class = elfClass;
        Endianness = endianness;
        _regions = regions.ToDictionary(r => r.Name);
        _dynamicEntries = dynamicEntries;
        _programHeaders = programHeaders;
        _sectionHeaders = sectionHeaders;
        DynamicSegmentDelta = loadDelta;
    }

    public ElfClass Class { get; }

    public ElfEndianness Endianness { get; }

    public int Length => _bytes.Length;

    public int WordSize => Class == ElfClass.Elf64 ? 8 : 4;

    /// <summary>vaddr - offset for everything in the writable PT_LOAD (hash, symbols, strings, versions, dynamic).</summary>
    public ulong DynamicSegmentDelta { get; }

    public IReadOnlyCollection<ElfImageRegion> Regions => _regions.Values;

    public byte[] Bytes => (byte[])_bytes.Clone();

    public bool HasRegion(string name) => _regions.ContainsKey(name);

    public ElfImageRegion Region(string name) =>
        _regions.TryGetValue(name, out var region) ? region : throw new ArgumentException($"the image has no {name} region", nameof(name));

    /// <summary>Offset of the d_tag of the n-th dynamic entry with this tag; d_val follows one word later.</summary>
    public int DynamicEntryOffset(long tag, int occurrence = 0) =>
        _dynamicEntries.Where(e => e.Tag == tag).Skip(occurrence).Select(e => e.Offset).DefaultIfEmpty(-1).First() is var at and >= 0
            ? at
            : throw new ArgumentException($"no dynamic entry with tag 0x{tag:x}", nameof(tag));

    public int DynamicValueOffset(long tag, int occurrence = 0) => DynamicEntryOffset(tag, occurrence) + WordSize;

    public int ProgramHeaderOffset(uint type, int occurrence = 0) =>
        _programHeaders.Where(p => p.Type == type).Skip(occurrence).Select(p => p.Offset).DefaultIfEmpty(-1).First() is var at and >= 0
            ? at
            : throw new ArgumentException($"no program header of type 0x{type:x}", nameof(type));

    public int SectionHeaderOffset(string name) =>
        _sectionHeaders.Where(s => s.Name == name).Select(s => s.Offset).DefaultIfEmpty(-1).First() is var at and >= 0
            ? at
            : throw new ArgumentException($"no section header named {name}", nameof(name));

    /// <summary>Offsets of the e_* fields after e_ident, which move with the class.</summary>
    public int HeaderFieldOffset(string field) => (field, Class == ElfClass.Elf64) switch
    {
        ("e_type", _) => 16,
        ("e_machine", _) => 18,
        ("e_version", _) => 20,
        ("e_entry", _) => 24,
        ("e_phoff", false) => 28,
        ("e_phoff", true) => 32,
        ("e_shoff", false) => 32,
        ("e_shoff", true) => 40,
        ("e_flags", false) => 36,
        ("e_flags", true) => 48,
        ("e_ehsize", false) => 40,
        ("e_ehsize", true) => 52,
        ("e_phentsize", false) => 42,
        ("e_phentsize", true) => 54,
        ("e_phnum", false) => 44,
        ("e_phnum", true) => 56,
        ("e_shentsize", false) => 46,
        ("e_shentsize", true) => 58,
        ("e_shnum", false) => 48,
        ("e_shnum", true) => 60,
        ("e_shstrndx", false) => 50,
        ("e_shstrndx", true) => 62,
        _ => throw new ArgumentException("unknown header field " + field, nameof(field)),
    };

    /// <summary>Offsets of program header fields relative to the entry, which differ between the classes.</summary>
    public int ProgramHeaderFieldOffset(string field) => (field, Class == ElfClass.Elf64) switch
    {
        ("p_type", _) => 0,
        ("p_flags", false) => 24,
        ("p_flags", true) => 4,
        ("p_offset", false) => 4,
        ("p_offset", true) => 8,
        ("p_vaddr", false) => 8,
        ("p_vaddr", true) => 16,
        ("p_filesz", false) => 16,
        ("p_filesz", true) => 32,
        ("p_memsz", false) => 20,
        ("p_memsz", true) => 40,
        _ => throw new ArgumentException("unknown program header field " + field, nameof(field)),
    };

    /// <summary>Offsets of section header fields relative to the entry.</summary>
    public int SectionHeaderFieldOffset(string field) => (field, Class == ElfClass.Elf64) switch
    {
        ("sh_name", _) => 0,
        ("sh_type", _) => 4,
        ("sh_offset", false) => 16,
        ("sh_offset", true) => 24,
        ("sh_size", false) => 20,
        ("sh_size", true) => 32,
        ("sh_link", false) => 24,
        ("sh_link", true) => 40,
        _ => throw new ArgumentException("unknown section header field " + field, nameof(field)),
    };

    public byte[] Truncated(int length) => _bytes.AsSpan(0, length).ToArray();

    /// <summary>A copy with the edits applied, written in the image's class and byte order.</summary>
    public byte[] Patched(Action<ElfPatcher> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var copy = Bytes;
        edit(new ElfPatcher(copy, Class, Endianness));
        return copy;
    }
}
