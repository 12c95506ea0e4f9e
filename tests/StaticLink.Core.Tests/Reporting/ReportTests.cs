using System.Linq;
using System.Text.Json;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Reporting;

public class ReportTests
{
    private static CheckReport SampleReport()
    {
        var helper = Facts.Library("libMonoPosixHelper.so", "libz.so.1", "libc.so.6");
        helper.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.14"])];
        var sqlite = Facts.Library("libe_sqlite3.so", "libc.musl-x86_64.so.1");
        sqlite.Length = 1_572_864;
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-musl-x64",
            PolicyName = "musl-portable",
            Ignore = [new IgnoreRule("libignored.so", "test")],
        };

        return Facts.Check(
            options,
            Facts.File("libMonoPosixHelper.so", helper),
            Facts.File("libe_sqlite3.so", sqlite),
            Facts.File("libignored.so", Facts.Library("libignored.so", "libnothing.so")),
            Facts.Broken("libbroken.so", "truncated", 0x40));
    }

    [Test]
    public void The_json_report_has_the_run_the_files_the_findings_and_the_counts()
    {
        var report = SampleReport();

        using var jsonDocument = JsonDocument.Parse(JsonReport.ToJson(report));
        var json = jsonDocument.RootElement;

        Assert.That(json.GetProperty("schemaVersion").GetInt64(), Is.EqualTo(1));
        Assert.That(json.GetProperty("root").GetString(), Is.EqualTo("/output"));
        Assert.That(json.GetProperty("rid").GetString(), Is.EqualTo("linux-musl-x64"));
        Assert.That(json.GetProperty("policy").GetString(), Is.EqualTo("musl-portable"));
        Assert.That(json.GetProperty("passed").GetBoolean(), Is.False);

        var files = json.GetProperty("files").EnumerateArray().ToList();
        Assert.That(files.Select(file => file.GetProperty("path").GetString()), Is.EqualTo(new[] { "libMonoPosixHelper.so", "libe_sqlite3.so", "libignored.so", "libbroken.so" }));
        var helper = files[0];
        Assert.That(helper.GetProperty("size").GetInt64(), Is.EqualTo(4096));
        Assert.That(helper.GetProperty("kind").GetString(), Is.EqualTo("shared-library"));
        Assert.That(helper.GetProperty("machine").GetString(), Is.EqualTo("x86_64"));
        Assert.That(helper.GetProperty("linkage").GetString(), Is.EqualTo("dynamic"));
        Assert.That(helper.GetProperty("libc").GetString(), Is.EqualTo("glibc"));
        Assert.That(helper.GetProperty("needed").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "libz.so.1", "libc.so.6" }));
        Assert.That(helper.GetProperty("external").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "libz.so.1", "libc.so.6" }));
        Assert.That(helper.GetProperty("bundled").EnumerateArray(), Is.Empty);
        Assert.That(helper.GetProperty("minimumGlibc").GetString(), Is.EqualTo("2.14"));
        Assert.That(helper.GetProperty("fullyStatic").GetBoolean(), Is.False);
        Assert.That(helper.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
        Assert.That(files[1].GetProperty("minimumGlibc").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(files[2].GetProperty("ignoredReason").GetString(), Is.EqualTo("test"));
        Assert.That(files[3].GetProperty("error").GetString(), Is.EqualTo("truncated"));
        Assert.That(files[3].GetProperty("errorOffset").GetInt64(), Is.EqualTo(64));

        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.That(findings.Select(finding => finding.GetProperty("code").GetString()), Is.EqualTo(new[] { "SL1002", "SL1001", "SL1010" }));
        var unexpected = findings[1];
        Assert.That(unexpected.GetProperty("severity").GetString(), Is.EqualTo("error"));
        Assert.That(unexpected.GetProperty("file").GetString(), Is.EqualTo("libMonoPosixHelper.so"));
        Assert.That(unexpected.GetProperty("library").GetString(), Is.EqualTo("libz.so.1"));
        Assert.That(unexpected.GetProperty("rule").GetString(), Is.EqualTo("policy musl-portable"));
        Assert.That(unexpected.GetProperty("message").GetString(), Is.EqualTo(report.Findings[1].Message));
        var steps = unexpected.GetProperty("fix").GetProperty("steps").EnumerateArray().ToList();
        Assert.That(steps.Select(step => step.GetProperty("kind").GetString()), Is.EqualTo(new[] { "advice", "useTarget", "allowLibrary" }));
        Assert.That(steps[2].GetProperty("library").GetString(), Is.EqualTo("libz.so.1"));
        Assert.That(steps[1].GetProperty("target").GetString(), Is.EqualTo("alpine.3.20"));
        Assert.That(unexpected.GetProperty("fix").GetProperty("text").GetString(), Is.EqualTo(report.Findings[1].Fix!.PlainText()));
        Assert.That(unexpected.GetProperty("help").GetString(), Is.EqualTo("docs/diagnostics/SL1001.md"));
        Assert.That(unexpected.GetProperty("package").GetString(), Is.EqualTo("the app"));
        Assert.That(unexpected.GetProperty("target").GetString(), Is.EqualTo("musl-portable"));

        var target = json.GetProperty("targets").EnumerateArray().Single();
        Assert.That(target.GetProperty("id").GetString(), Is.EqualTo("musl-portable"));
        Assert.That(target.GetProperty("origin").GetString(), Is.EqualTo("named"));
        Assert.That(target.GetProperty("reason").GetString(), Is.EqualTo("StaticLinkPolicy"));
        Assert.That(files[0].GetProperty("package").GetString(), Is.EqualTo("the app"));

        var summary = json.GetProperty("summary");
        Assert.That(summary.GetProperty("examinedFiles").GetInt64(), Is.EqualTo(7));
        Assert.That(summary.GetProperty("nativeFiles").GetInt64(), Is.EqualTo(4));
        Assert.That(summary.GetProperty("passed").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("failed").GetInt64(), Is.EqualTo(2));
        Assert.That(summary.GetProperty("ignored").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("alternatives").GetInt64(), Is.EqualTo(0));
        Assert.That(summary.GetProperty("errors").GetInt64(), Is.EqualTo(3));
        Assert.That(summary.GetProperty("warnings").GetInt64(), Is.EqualTo(0));
    }

    [Test]
    public void The_text_summary_is_an_aligned_table_with_a_total_line()
    {
        var lines = TextSummary.Lines(SampleReport());

        Assert.That(lines, Is.EqualTo(new[]
        {
            "StaticLink: 4 native files of 7 in /output (linux-musl-x64, target musl-portable)",
            "  file                      size  stripped  linkage     libc   external               min glibc  fully static  verdict",
            "  libMonoPosixHelper.so  4.0 KiB  yes       dynamic     glibc  libz.so.1, libc.so.6   2.14       no            fail",
            "  libe_sqlite3.so        1.5 MiB  yes       dynamic     musl   libc.musl-x86_64.so.1  -          no            pass",
            "  libignored.so          4.0 KiB  yes       dynamic     none   libnothing.so          -          no            ignored",
            "  libbroken.so             100 B  -         unreadable  none   -                      -          -             fail",
            "StaticLink: FAILED: 3 errors, 0 warnings; 1 passed, 0 warned, 2 failed, 1 ignored",
        }));
    }

    [Test]
    public void Long_external_lists_are_cut()
    {
        var needs = Enumerable.Range(0, 20).Select(index => $"libdependency{index}.so.1").ToArray();
        var report = Facts.Check("linux-x64", Facts.File("libmany.so", Facts.Library("libmany.so", needs)));

        var row = TextSummary.Lines(report)[2];

        Assert.That(row, Does.Contain("libdependency0.so.1, libdependency1.so.1"));
        Assert.That(row, Does.Contain("..."));
        Assert.That(row, Does.Not.Contain("libdependency19.so.1"));
    }

    [TestCase(0, "0 B")]
    [TestCase(1023, "1023 B")]
    [TestCase(1024, "1.0 KiB")]
    [TestCase(1_572_864, "1.5 MiB")]
    [TestCase(3L * 1024 * 1024 * 1024, "3.0 GiB")]
    public void Sizes_are_human_readable(long bytes, string expected)
    {
        Assert.That(TextSummary.FormatSize(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void Every_code_has_a_description_and_a_help_page()
    {
        var codes = typeof(DiagnosticCodes).GetFields().Select(field => (string)field.GetValue(null)!).ToList();
        var docs = System.IO.Path.Combine(RepositoryRoot(), "docs", "diagnostics");

        Assert.That(DiagnosticDescriptions.Codes, Is.EquivalentTo(codes));
        foreach (var code in codes)
        {
            Assert.That(DiagnosticDescriptions.Title(code), Is.Not.EqualTo(code));
            var page = System.IO.Path.Combine(docs, code + ".md");
            Assert.That(System.IO.File.Exists(page), Is.True, page);
            var text = System.IO.File.ReadAllText(page);
            Assert.That(text, Does.StartWith("# " + code));
            Assert.That(text, Does.Contain("## How to fix"));
            Assert.That(text, Does.Contain("## How to suppress"));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new System.IO.DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "StaticLink.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new System.InvalidOperationException("StaticLink.slnx not found above the test directory");
    }
}
