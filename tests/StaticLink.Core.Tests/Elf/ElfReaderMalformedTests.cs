using System;
using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// Malformed files: truncated at every byte, counts and offsets out of range, tables without terminators, strings past
/// their table, version chains that loop or overlap. The reader may only answer or raise <see cref="ElfFormatException"/>;
/// where the file is plainly unusable it must raise, and where only optional parts are damaged it may instead answer
/// with the dynamic facts intact.
/// </summary>
public sealed class ElfReaderMalformedTests
{
    /// <summary>Generous: real reads of these files allocate kilobytes; a count taken on trust allocates gigabytes.</summary>
    private const long AllocationLimit = 64L << 20;

    private enum Expect
    {
        /// <summary>The file cannot be read: only ElfFormatException is right.</summary>
        Throws,

        /// <summary>Optional parts are damaged: ElfFormatException, or an answer whose dynamic facts are unchanged.</summary>
        ThrowsOrKeepsDynamicFacts,

        /// <summary>The design does not say: ElfFormatException or an answer, within the contract and bounded.</summary>
        ThrowsOrAnswers,
    }

    private static ElfImage BaseImage(ElfLayout layout, bool sections) =>
        CraftedImages.RichLibrary(layout, sections).Interpreter("/lib/ld-linux.so.2").Build();

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var layout in CraftedImages.Layouts())
        {
            foreach (var c in MalformedCase.All)
            {
                yield return new TestCaseData(layout, c.Name).SetName($"Malformed({layout}, {c.Name})");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void A_malformed_file_gets_the_answer_its_damage_allows(ElfLayout layout, string caseName)
    {
        var malformed = MalformedCase.All.Single(c => c.Name == caseName);
        var image = BaseImage(layout, malformed.Sections);
        var original = ElfReader.Read(image.Bytes);
        var bytes = image.Patched(p => malformed.Patch(image, p));

        var outcome = GuardedRead.Run(bytes);

        Assert.That(outcome.ContractViolation, Is.Null, caseName);
        Assert.That(outcome.AllocatedBytes, Is.LessThan(AllocationLimit), "allocation sized by an untrusted count");
        switch (malformed.Expect)
        {
            case Expect.Throws:
                Assert.That(outcome.FormatError, Is.Not.Null, $"{caseName}: the reader accepted an unusable file:\n{(outcome.File is null ? string.Empty : ElfFacts.Describe(outcome.File))}");
                AssertInspectReportsTheError(bytes, outcome.FormatError!);
                break;
            case Expect.ThrowsOrKeepsDynamicFacts when outcome.File != null:
                Assert.That(DynamicFacts(outcome.File), Is.EqualTo(DynamicFacts(original)), caseName);
                break;
            default:
                break;
        }

        if (outcome.File != null)
        {
            malformed.Check?.Invoke(outcome.File);
        }
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.LayoutsWithAndWithoutSections))]
    public void Every_truncation_raises_the_format_exception_or_keeps_the_dynamic_facts(ElfLayout layout, bool sections)
    {
        var image = BaseImage(layout, sections);
        var original = DynamicFacts(ElfReader.Read(image.Bytes));
        var dynamicEnd = image.Region("dynamic").End;
        var failures = new List<string>();

        for (var length = 0; length < image.Length; length++)
        {
            var outcome = GuardedRead.Run(image.Truncated(length));
            var region = image.Regions.Where(r => r.Offset <= length).OrderBy(r => r.Offset).LastOrDefault()?.Name ?? "nothing";
            if (outcome.ContractViolation is { } violation)
            {
                failures.Add($"cut at {length} (in {region}): {violation}");
            }
            else if (length < dynamicEnd && outcome.FormatError is null)
            {
                failures.Add($"cut at {length} (in {region}): accepted although the dynamic table is cut off");
            }
            else if (outcome.File != null && DynamicFacts(outcome.File) != original)
            {
                failures.Add($"cut at {length} (in {region}): answered with different dynamic facts:\n{DynamicFacts(outcome.File)}");
            }
        }

        Assert.That(failures, Is.Empty, $"{failures.Count} of {image.Length} truncations went wrong; first ones:\n" + string.Join("\n", failures.Take(10)));
    }

    [Test]
    public void A_string_that_runs_past_the_end_of_its_table_is_malformed()
    {
        var image = ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").WithoutSectionHeaders().Build();
        var bytes = image.Patched(p => p.Word(image.DynamicValueOffset(ElfSpec.DT_STRSZ), (ulong)image.Region("dynstr").Size - 1));

        var outcome = GuardedRead.Run(bytes);

        Assert.That(outcome.FormatError, Is.Not.Null, outcome.ToString());
    }

    [Test]
    public void The_exception_carries_the_offset_and_the_reason()
    {
        var image = ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").WithoutSectionHeaders().Build();
        var bytes = image.Patched(p => p.U16(image.HeaderFieldOffset("e_phnum"), 0xffff));

        var error = Assert.Throws<ElfFormatException>(() => ElfReader.Read(bytes))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Is.Not.Empty);
            Assert.That(error.Message, Does.Contain(error.Reason));
            Assert.That(error.Message, Does.Contain($"0x{error.Offset:x}"));
            Assert.That(error.Offset, Is.InRange(0, 0xffffL * 56), "the offset names a place in the file or where a table claims to reach");
        });
    }

    [TestCaseSource(typeof(CraftedImages), nameof(CraftedImages.Layouts))]
    public void Section_names_are_empty_when_the_name_table_index_is_out_of_range(ElfLayout layout)
    {
        var image = BaseImage(layout, sections: true);
        var bytes = image.Patched(p => p.U16(image.HeaderFieldOffset("e_shstrndx"), 0xfe00));

        var file = ElfReader.Read(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(file.Sections, Has.Count.EqualTo(image.Region("section headers").Size / (layout.Class == ElfClass.Elf64 ? 64 : 40)));
            Assert.That(file.Sections.Select(s => s.Name), Has.All.Empty);
            Assert.That(file.Needed, Is.EqualTo(new[] { "libm.so.6", "libc.so.6", "libdl.so.2" }));
            Assert.That(file.VersionNeeds, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void TryRead_reports_a_malformed_file_as_false_with_the_reason()
    {
        using var temp = new TempDirectory();
        var image = ElfImageBuilder.Elf64Little().Type(ElfFileType.SharedObject).Needed("libc.so.6").Build();
        var path = temp.File("broken.so", image.Truncated(image.Region("dynamic").Offset + 3));

        var ok = ElfReader.TryRead(path, out var file, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(file, Is.Null);
            Assert.That(error, Is.Not.Null);
            Assert.That(error!.Reason, Is.Not.Empty);
        });
    }

    private static void AssertInspectReportsTheError(byte[] bytes, ElfFormatException expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("malformed.so", bytes);

        var inspection = ElfReader.Inspect(path);

        Assert.Multiple(() =>
        {
            Assert.That(inspection.Kind, Is.EqualTo(ElfInspectionKind.Error));
            Assert.That(inspection.Path, Is.EqualTo(path));
            Assert.That(inspection.File, Is.Null);
            Assert.That(inspection.Error, Is.EqualTo(expected.Reason));
            Assert.That(inspection.ErrorOffset, Is.EqualTo(expected.Offset));
        });
    }

    private static string DynamicFacts(ElfFile file) =>
        $"interp={file.Interpreter}\nneeded={string.Join(",", file.Needed)}\nsoname={file.Soname}\nrpath={string.Join(":", file.Rpath)}\n" +
        $"runpath={string.Join(":", file.Runpath)}\nverneed={string.Join(";", file.VersionNeeds.Select(v => v.Library + "=" + string.Join(",", v.Versions)))}";

    /// <summary>One named corruption of the base image.</summary>
    private sealed record MalformedCase(string Name, Expect Expect, Action<ElfImage, ElfPatcher> Patch, bool Sections = false, Action<ElfFile>? Check = null)
    {
        // Offsets inside the base image's version structures: libm's Verneed (2 Vernaux), then libc's.
        private const int SecondVerneed = 48;
        private const int SecondVerdef = 28;

        public static readonly IReadOnlyList<MalformedCase> All =
        [
            // File header.
            new("EI_CLASS 0", Expect.Throws, (_, p) => p.U8(4, 0)),
            new("EI_CLASS 3", Expect.Throws, (_, p) => p.U8(4, 3)),
            new("EI_DATA 0", Expect.Throws, (_, p) => p.U8(5, 0)),
            new("EI_DATA 3", Expect.Throws, (_, p) => p.U8(5, 3)),

            // Program headers.
            new("e_phoff past the end", Expect.Throws, (i, p) => p.Word(i.HeaderFieldOffset("e_phoff"), (ulong)i.Length + 8)),
            new("e_phoff at the top of the address space", Expect.Throws, (i, p) => p.Word(i.HeaderFieldOffset("e_phoff"), ulong.MaxValue - 7)),
            new("e_phnum huge", Expect.Throws, (i, p) => p.U16(i.HeaderFieldOffset("e_phnum"), 0xffff)),
            new("e_phentsize smaller than an entry", Expect.Throws, (i, p) => p.U16(i.HeaderFieldOffset("e_phentsize"), 8)),

            // PT_DYNAMIC and the dynamic table.
            new("PT_DYNAMIC offset past the end", Expect.Throws, (i, p) => p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_offset"), (ulong)i.Length + 16)),
            new("PT_DYNAMIC size past the end", Expect.Throws, (i, p) => p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_filesz"), (ulong)i.Length)),
            new("PT_DYNAMIC offset plus size wraps around", Expect.Throws, (i, p) =>
            {
                p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_offset"), ulong.MaxValue - 0xf);
                p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_filesz"), 0x100);
            }),
            new("dynamic table without DT_NULL", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.DynamicEntryOffset(ElfSpec.DT_NULL), (ulong)ElfSpec.DT_DEBUG)),
            new("dynamic table without DT_NULL running off the end of the file", Expect.Throws, (i, p) =>
            {
                p.Word(i.DynamicEntryOffset(ElfSpec.DT_NULL), (ulong)ElfSpec.DT_DEBUG);
                p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_filesz"), (ulong)(i.Region("dynamic").Size + (8 * i.WordSize)));
            }),
            new("PT_DYNAMIC of size zero", Expect.ThrowsOrAnswers, (i, p) => p.Word(Phdr(i, ElfSpec.PT_DYNAMIC, "p_filesz"), 0)),

            // PT_INTERP.
            new("PT_INTERP offset past the end", Expect.Throws, (i, p) => p.Word(Phdr(i, ElfSpec.PT_INTERP, "p_offset"), (ulong)i.Length + 1)),
            new("PT_INTERP size past the end", Expect.Throws, (i, p) => p.Word(Phdr(i, ElfSpec.PT_INTERP, "p_filesz"), (ulong)i.Length)),
            new("PT_INTERP size huge", Expect.Throws, (i, p) => p.Word(Phdr(i, ElfSpec.PT_INTERP, "p_filesz"), 0xfffffff0)),
            new("PT_INTERP without its NUL", Expect.ThrowsOrAnswers, (i, p) => p.Word(Phdr(i, ElfSpec.PT_INTERP, "p_filesz"), (ulong)i.Region("interpreter").Size - 1)),

            // The dynamic string table.
            new("DT_STRTAB outside every PT_LOAD", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_STRTAB), 0x70000000)),
            new("DT_STRTAB holding the file offset instead of the address", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_STRTAB), (ulong)i.Region("dynstr").Offset)),
            new("DT_STRSZ zero", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_STRSZ), 0)),
            new("DT_STRSZ past the end of the file", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_STRSZ), 0xfffffff0)),
            new("DT_NEEDED offset past the string table", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_NEEDED, 1), (ulong)i.Region("dynstr").Size + 3)),
            new("DT_NEEDED offset past the end of the file", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_NEEDED), 0xfffffff0)),
            new("DT_SONAME offset past the string table", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_SONAME), (ulong)i.Region("dynstr").Size)),
            new("DT_RUNPATH offset past the string table", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_RUNPATH), (ulong)i.Region("dynstr").Size + 100)),

            // Version needs.
            new("DT_VERNEED outside every PT_LOAD", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERNEED), 0x70000000)),
            new("vn_file past the string table", Expect.Throws, (i, p) => p.U32(i.Region("verneed").Offset + 4, (uint)i.Region("dynstr").Size + 1)),
            new("vna_name past the string table", Expect.Throws, (i, p) => p.U32(i.Region("verneed").Offset + 16 + 8, 0x7ffffff0)),
            new("vn_aux past the end of the file", Expect.Throws, (i, p) => p.U32(i.Region("verneed").Offset + 8, 0x7ffffff0)),
            new("vn_next past the end of the file", Expect.Throws, (i, p) => p.U32(i.Region("verneed").Offset + 12, 0x7ffffff0)),
            new("DT_VERNEEDNUM larger than the chain", Expect.ThrowsOrAnswers, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERNEEDNUM), 5), Check: AtMostTwoNeeds),
            new("DT_VERNEEDNUM huge", Expect.ThrowsOrAnswers, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERNEEDNUM), 0x7fffffff), Check: AtMostTwoNeeds),
            new("vn_next pointing back to the first entry", Expect.ThrowsOrAnswers, (i, p) =>
            {
                p.U32(i.Region("verneed").Offset + SecondVerneed + 12, unchecked((uint)-SecondVerneed));
                p.Word(i.DynamicValueOffset(ElfSpec.DT_VERNEEDNUM), 100000);
            }, Check: BoundedNeeds),
            new("vna_next pointing back at its own Verneed (overlap)", Expect.ThrowsOrAnswers, (i, p) =>
            {
                p.U32(i.Region("verneed").Offset + 16 + 12, unchecked((uint)-16));
                p.U16(i.Region("verneed").Offset + 2, 0xffff);
            }, Check: BoundedNeeds),
            new("vn_aux overlapping its own Verneed", Expect.ThrowsOrAnswers, (i, p) => p.U32(i.Region("verneed").Offset + 8, 0), Check: BoundedNeeds),
            new("vn_cnt huge", Expect.ThrowsOrAnswers, (i, p) => p.U16(i.Region("verneed").Offset + 2, 0xffff), Check: BoundedNeeds),
            new("version needs overlapping the dynamic table", Expect.ThrowsOrAnswers, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERNEED), (ulong)i.Region("dynamic").Offset + i.DynamicSegmentDelta), Check: BoundedNeeds),

            // Version definitions.
            new("DT_VERDEF outside every PT_LOAD", Expect.Throws, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERDEF), 0x70000000)),
            new("vda_name past the string table", Expect.Throws, (i, p) => p.U32(i.Region("verdef").Offset + 20, 0x7ffffff0)),
            new("vd_next pointing back to the first entry", Expect.ThrowsOrAnswers, (i, p) =>
            {
                p.U32(i.Region("verdef").Offset + SecondVerdef + 16, unchecked((uint)-SecondVerdef));
                p.Word(i.DynamicValueOffset(ElfSpec.DT_VERDEFNUM), 100000);
            }, Check: f => Assert.That(f.VersionDefinitions, Has.Count.LessThan(4096))),

            // Dynamic symbols behind the versioned imports.
            new("DT_HASH nchain huge", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.Region("hash").Offset + 4, 0x7fffffff)),
            new("DT_SYMTAB outside every PT_LOAD", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_SYMTAB), 0x70000000)),
            new("DT_VERSYM outside every PT_LOAD", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.DynamicValueOffset(ElfSpec.DT_VERSYM), 0x70000000)),
            new("a symbol bound to a version index that does not exist", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U16(i.Region("versym").Offset + 2, 0x7fff)),
            new("a symbol name past the string table", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.Region("dynsym").Offset + (i.WordSize == 8 ? 24 : 16), 0x7ffffff0)),

            // Notes.
            new("a note name size past the end", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.Region("notes").Offset, 0xfffffff0)),
            new("a note descriptor size past the end", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.Region("notes").Offset + 4, 0xfffffff0)),

            // Section headers: optional, so damage there may be tolerated, never with other dynamic facts.
            new("e_shoff past the end", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.HeaderFieldOffset("e_shoff"), (ulong)i.Length + 64), Sections: true),
            new("e_shoff at the top of the address space", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.HeaderFieldOffset("e_shoff"), ulong.MaxValue - 0x3f), Sections: true),
            new("e_shnum huge", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U16(i.HeaderFieldOffset("e_shnum"), 0xfeff), Sections: true),
            new("e_shentsize smaller than an entry", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U16(i.HeaderFieldOffset("e_shentsize"), 12), Sections: true),
            new("e_shstrndx out of range", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U16(i.HeaderFieldOffset("e_shstrndx"), 0xfe00), Sections: true, Check: NamelessSections),
            new("section name table past the end", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.SectionHeaderOffset(".shstrtab") + i.SectionHeaderFieldOffset("sh_offset"), (ulong)i.Length + 5), Sections: true),
            new("sh_name past the section name table", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.SectionHeaderOffset(".dynamic"), 0x7ffffff0), Sections: true),
            new(".dynamic section past the end while PT_DYNAMIC is sound", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.SectionHeaderOffset(".dynamic") + i.SectionHeaderFieldOffset("sh_offset"), (ulong)i.Length + 5), Sections: true),
            new(".gnu.version_r section size huge", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.SectionHeaderOffset(".gnu.version_r") + i.SectionHeaderFieldOffset("sh_size"), 0xfffffff0), Sections: true),
            new(".dynsym section size huge", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.Word(i.SectionHeaderOffset(".dynsym") + i.SectionHeaderFieldOffset("sh_size"), 0xfffffff0), Sections: true),
            new("section link out of range", Expect.ThrowsOrKeepsDynamicFacts, (i, p) => p.U32(i.SectionHeaderOffset(".dynamic") + i.SectionHeaderFieldOffset("sh_link"), 0xffff), Sections: true),
        ];

        private static int Phdr(ElfImage image, uint type, string field) => image.ProgramHeaderOffset(type) + image.ProgramHeaderFieldOffset(field);

        private static void AtMostTwoNeeds(ElfFile file) =>
            Assert.That(file.VersionNeeds, Has.Count.LessThanOrEqualTo(2), "the chain ends after two entries; the count must not invent more");

        private static void BoundedNeeds(ElfFile file) =>
            Assert.That(file.VersionNeeds.Sum(v => v.Versions.Count + 1), Is.LessThan(4096), "a looping chain was followed without bound");

        private static void NamelessSections(ElfFile file)
        {
            // The design: names are empty when the name table is missing; the sections themselves are still there.
            Assert.That(file.Sections, Is.Not.Empty);
            Assert.That(file.Sections.Select(s => s.Name), Has.All.Empty);
            Assert.That(file.Sections.Any(s => s.Type == ElfSpec.SHT_DYNAMIC), Is.True);
        }
    }
}
