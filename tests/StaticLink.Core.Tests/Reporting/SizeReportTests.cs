using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Scanning;
using StaticLink.Core.Tests.Policy;
using StaticLink.Core.Tests.Scanning;

namespace StaticLink.Core.Tests.Reporting;

/// <summary>
/// Sizes in the report, on real gcc and musl-gcc output: what `strip` would take off an unstripped file (checked
/// against readelf's section table and against `strip` itself), and a stripped file's separate debug file.
/// </summary>
public class SizeReportTests
{
    private SizeSamples _samples = null!;

    private static string[] Unstripped => [.. SizeSamples.Unstripped];

    [OneTimeSetUp]
    public void BuildSamples() => _samples = new SizeSamples();

    [OneTimeTearDown]
    public void DeleteSamples() => _samples.Dispose();

    [TestCaseSource(nameof(Unstripped))]
    public void The_stripped_size_is_the_size_less_the_symbol_and_debug_sections_readelf_lists_with_their_headers_and_names(string sample)
    {
        using var output = new OutputDirectory();
        File.Copy(_samples.PathOf(sample), output.File(sample));

        var file = Check(output.Path).Files.Single();

        var removed = SizeSamples.Sections(output.File(sample))
            .Where(section => section.Name is ".symtab" or ".strtab" || section.Name.StartsWith(".debug", StringComparison.Ordinal) || section.Name.StartsWith(".zdebug", StringComparison.Ordinal))
            .ToList();
        Assert.That(removed.Select(section => section.Name), Does.Contain(".symtab"), "every sample keeps its symbol table");
        var expected = file.Size - removed.Sum(section => (section.Type == "NOBITS" ? 0 : section.Size) + 64 + section.Name.Length + 1);
        Assert.That(file.Elf!.Stripped, Is.False);
        Assert.That(file.StrippedSize, Is.EqualTo(expected));
        Assert.That(file.DebugCompanion, Is.Null);
        Assert.That(file.UnstrippedSize, Is.Null);
    }

    [TestCaseSource(nameof(Unstripped))]
    public void The_stripped_size_is_within_64_bytes_of_what_strip_really_produces(string sample)
    {
        using var output = new OutputDirectory();
        File.Copy(_samples.PathOf(sample), output.File(sample));
        using var scratch = new OutputDirectory();
        var stripped = _samples.Strip(sample, scratch.File(sample));

        var file = Check(output.Path).Files.Single();

        var actual = new FileInfo(stripped).Length;
        TestContext.Out.WriteLine($"{sample}: {file.Size} bytes, estimated {file.StrippedSize} after strip, strip made {actual} (estimate off by {file.StrippedSize - actual})");
        Assert.That(actual, Is.LessThan(file.Size), "strip removed something");
        Assert.That(file.StrippedSize, Is.EqualTo(actual).Within(64));
    }

    [Test]
    public void A_stripped_file_without_a_debug_file_has_no_size_counterpart()
    {
        using var output = new OutputDirectory();
        _samples.Strip("musl-static-debug", output.File("app"));

        var report = Check(output.Path, "linux-musl-x64");

        var app = report.Files.Single();
        Assert.That(app.Elf!.Stripped, Is.True);
        Assert.That(app.StrippedSize, Is.Null);
        Assert.That(app.DebugCompanion, Is.Null);
        Assert.That(app.DebugCompanionSize, Is.Null);
        Assert.That(app.UnstrippedSize, Is.Null);
        using var jsonDocument = JsonDocument.Parse(JsonReport.ToJson(report));
        var json = jsonDocument.RootElement.GetProperty("files").EnumerateArray().Single();
        Assert.That(json.GetProperty("stripped").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("strippedSize").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("debugCompanion").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("debugCompanionSize").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("unstrippedSize").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void A_stripped_file_with_its_debug_file_beside_it_reports_both_sizes_like_NativeAOT_output()
    {
        using var output = new OutputDirectory();
        _samples.SplitDebug("glibc-static-debug", output.File("app"), output.File("app.dbg"));
        var original = new FileInfo(_samples.PathOf("glibc-static-debug")).Length;
        var strippedSize = new FileInfo(output.File("app")).Length;
        var debugSize = new FileInfo(output.File("app.dbg")).Length;

        var report = Check(output.Path);

        var app = report.FileNamed("app");
        Assert.That(app.Elf!.Stripped, Is.True);
        Assert.That(app.Size, Is.EqualTo(strippedSize));
        Assert.That(app.StrippedSize, Is.Null, "already stripped");
        Assert.That(app.DebugCompanion, Is.EqualTo("app.dbg"));
        Assert.That(app.DebugCompanionSize, Is.EqualTo(debugSize));
        Assert.That(app.UnstrippedSize, Is.EqualTo(strippedSize + debugSize));
        TestContext.Out.WriteLine($"unstripped {original}, stripped {strippedSize} + debug file {debugSize} = {strippedSize + debugSize}");
        Assert.That(app.UnstrippedSize!.Value, Is.EqualTo(original).Within(2).Percent, "the two halves add up to about the original");

        var debug = report.FileNamed("app.dbg");
        Assert.That(debug.Kind, Is.EqualTo(FileKind.DebugSymbols));
        Assert.That(debug.StrippedSize, Is.Null);
        Assert.That(debug.DebugCompanion, Is.Null);

        using var filesDocument = JsonDocument.Parse(JsonReport.ToJson(report));
        var files = filesDocument.RootElement.GetProperty("files").EnumerateArray().ToList();
        var json = files.Single(file => file.GetProperty("path").GetString() == "app");
        Assert.That(json.GetProperty("strippedSize").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("debugCompanion").GetString(), Is.EqualTo("app.dbg"));
        Assert.That(json.GetProperty("debugCompanionSize").GetInt64(), Is.EqualTo(debugSize));
        Assert.That(json.GetProperty("unstrippedSize").GetInt64(), Is.EqualTo(strippedSize + debugSize));
    }

    [Test]
    public void The_debug_link_names_a_debug_file_in_the_debug_folder_as_gdb_looks_for_it()
    {
        using var output = new OutputDirectory();
        Directory.CreateDirectory(output.File(".debug"));
        _samples.SplitDebug("dynamic-debug", output.File("app"), output.File(".debug/app.symbols"));

        Assert.That(DebugCompanions.ReadDebugLink(output.File("app"), ElfReader.Read(output.File("app"))), Is.EqualTo("app.symbols"));
        var app = Check(output.Path).FileNamed("app");

        Assert.That(app.DebugCompanion, Is.EqualTo(".debug/app.symbols"));
        Assert.That(app.DebugCompanionSize, Is.EqualTo(new FileInfo(output.File(".debug/app.symbols")).Length));
    }

    [Test]
    public void Checking_the_executable_alone_still_finds_its_debug_file_on_disk()
    {
        using var output = new OutputDirectory();
        _samples.SplitDebug("glibc-static-debug", output.File("app"), output.File("app.dbg"));

        var report = Check(output.File("app"));

        var app = report.Files.Single();
        Assert.That(app.Path, Is.EqualTo("app"));
        Assert.That(app.DebugCompanion, Is.EqualTo("app.dbg"));
        Assert.That(app.DebugCompanionSize, Is.EqualTo(new FileInfo(output.File("app.dbg")).Length));
    }

    [Test]
    public void A_debug_file_of_another_program_is_not_taken_for_the_companion()
    {
        using var output = new OutputDirectory();
        using var scratch = new OutputDirectory();
        _samples.Strip("glibc-static-debug", output.File("app"));
        _samples.SplitDebug("other-static-debug", scratch.File("other"), output.File("app.dbg"));
        var appBuildId = ElfReader.Read(output.File("app")).BuildId;
        var debugBuildId = ElfReader.Read(output.File("app.dbg")).BuildId;
        Assert.That(appBuildId, Is.Not.Null.And.Not.EqualTo(debugBuildId), "gcc gives each program its own build ID");

        var app = Check(output.Path).FileNamed("app");

        Assert.That(app.DebugCompanion, Is.Null);
        Assert.That(app.DebugCompanionSize, Is.Null);
    }

    [Test]
    public void Files_named_like_debug_files_that_are_not_debug_files_are_not_companions()
    {
        using var output = new OutputDirectory();
        _samples.Strip("glibc-static-debug", output.File("app"));
        _samples.Strip("glibc-static-debug", output.File("app.dbg"));
        File.WriteAllText(output.File("app.debug"), "not ELF at all");

        var app = Check(output.Path).FileNamed("app");

        Assert.That(app.DebugCompanion, Is.Null);
    }

    [Test]
    public void The_text_summary_says_fully_static_and_stripped_per_file()
    {
        using var output = new OutputDirectory();
        File.Copy(_samples.PathOf("dynamic-debug"), output.File("dynamic"));
        _samples.SplitDebug("glibc-static-debug", output.File("static"), output.File("static.dbg"));
        _samples.Strip("musl-static-debug", output.File("static-musl"));

        var report = Check(output.Path);
        var lines = TextSummary.Lines(report);

        var header = lines[1];
        Assert.That(header, Does.Match(@"^\s+file\s+size\s+stripped\s+linkage\s+libc\s+external\s+min glibc\s+fully static\s+verdict$"));
        var dynamic = report.FileNamed("dynamic");
        var staticGlibc = report.FileNamed("static");
        Assert.That(Row(lines, "dynamic"), Does.Contain("no, " + TextSummary.FormatSize(dynamic.StrippedSize!.Value) + " if stripped"));
        Assert.That(Cell(lines, "dynamic", "fully static"), Is.EqualTo("no"));
        Assert.That(Row(lines, "static"), Does.Contain("yes, +" + TextSummary.FormatSize(staticGlibc.DebugCompanionSize!.Value) + " in static.dbg"));
        Assert.That(Cell(lines, "static", "fully static"), Is.EqualTo("yes"));
        Assert.That(Cell(lines, "static.dbg", "stripped"), Is.EqualTo("-"));
        Assert.That(Cell(lines, "static.dbg", "fully static"), Is.EqualTo("-"), "a debug file is never loaded; static does not apply");
        Assert.That(Cell(lines, "static-musl", "stripped"), Is.EqualTo("yes"));
        Assert.That(Cell(lines, "static-musl", "fully static"), Is.EqualTo("yes"));
    }

    [Test]
    public void A_32_bit_file_loses_40_byte_section_headers_and_NOBITS_sections_cost_no_bytes()
    {
        var elf = new ElfFile
        {
            Class = ElfClass.Elf32,
            Type = ElfFileType.Executable,
            HasSymbolTable = true,
            HasDebugInfo = true,
            Sections =
            [
                new ElfSection(".text", 1, 6, 0x1000, 0x1000, 4000, 0, 0),
                new ElfSection(".symtab", 2, 0, 0, 5000, 1000, 6, 16),
                new ElfSection(".strtab", 3, 0, 0, 6000, 500, 0, 0),
                new ElfSection(".debug_info", 8, 0, 0, 6500, 123456, 0, 0),
            ],
        };

        Assert.That(StripEstimate.StrippedSize(elf, 10000), Is.EqualTo(10000 - (1000 + 40 + 8) - (500 + 40 + 8) - (40 + 12)));
    }

    [Test]
    public void Section_headers_that_claim_more_than_the_file_holds_give_no_estimate()
    {
        var elf = new ElfFile
        {
            Class = ElfClass.Elf64,
            Type = ElfFileType.SharedObject,
            HasSymbolTable = true,
            Sections =
            [
                new ElfSection(".symtab", 2, 0, 0, 64, ulong.MaxValue, 0, 24),
                new ElfSection(".strtab", 3, 0, 0, 64, ulong.MaxValue, 0, 0),
                new ElfSection(".debug_str", 1, 0, 0, 64, ulong.MaxValue, 0, 0),
            ],
        };

        Assert.That(StripEstimate.StrippedSize(elf, 4096), Is.Null);
    }

    private static CheckReport Check(string root, string rid = "linux-x64") =>
        PublishChecker.Check(new CheckOptions { Root = root, RuntimeIdentifier = rid });

    private static string Row(System.Collections.Generic.IReadOnlyList<string> lines, string path) =>
        lines.Single(line => line.StartsWith("  " + path + " ", StringComparison.Ordinal));

    /// <summary>The text of a row under a column, found by where the column's heading starts (cells are left-aligned).</summary>
    private static string Cell(System.Collections.Generic.IReadOnlyList<string> lines, string path, string column)
    {
        var header = lines[1];
        var start = header.IndexOf("  " + column + " ", StringComparison.Ordinal) + 2;
        var row = Row(lines, path);
        var end = row.IndexOf("  ", start, StringComparison.Ordinal);
        return (end < 0 ? row[start..] : row[start..end]).Trim();
    }
}
