using System.Linq;
using StaticLink.Core.Elf;
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

        var json = JsonReader.Parse(JsonReport.ToJson(report));

        Assert.That(json["schemaVersion"]!.Text, Is.EqualTo("1"));
        Assert.That(json["root"]!.Text, Is.EqualTo("/output"));
        Assert.That(json["rid"]!.Text, Is.EqualTo("linux-musl-x64"));
        Assert.That(json["policy"]!.Text, Is.EqualTo("musl-portable"));
        Assert.That(json["passed"]!.Boolean, Is.False);

        var files = json["files"]!.Items;
        Assert.That(files.Select(file => file["path"]!.Text), Is.EqualTo(new[] { "libMonoPosixHelper.so", "libe_sqlite3.so", "libignored.so", "libbroken.so" }));
        var helper = files[0];
        Assert.That(helper["size"]!.Text, Is.EqualTo("4096"));
        Assert.That(helper["kind"]!.Text, Is.EqualTo("shared-library"));
        Assert.That(helper["machine"]!.Text, Is.EqualTo("x86_64"));
        Assert.That(helper["linkage"]!.Text, Is.EqualTo("dynamic"));
        Assert.That(helper["libc"]!.Text, Is.EqualTo("glibc"));
        Assert.That(helper["needed"]!.Items.Select(item => item.Text), Is.EqualTo(new[] { "libz.so.1", "libc.so.6" }));
        Assert.That(helper["external"]!.Items.Select(item => item.Text), Is.EqualTo(new[] { "libz.so.1", "libc.so.6" }));
        Assert.That(helper["bundled"]!.Items, Is.Empty);
        Assert.That(helper["minimumGlibc"]!.Text, Is.EqualTo("2.14"));
        Assert.That(helper["fullyStatic"]!.Boolean, Is.False);
        Assert.That(helper["verdict"]!.Text, Is.EqualTo("fail"));
        Assert.That(files[1]["minimumGlibc"]!.Kind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(files[2]["ignoredReason"]!.Text, Is.EqualTo("test"));
        Assert.That(files[3]["error"]!.Text, Is.EqualTo("truncated"));
        Assert.That(files[3]["errorOffset"]!.Text, Is.EqualTo("64"));

        var findings = json["findings"]!.Items;
        Assert.That(findings.Select(finding => finding["code"]!.Text), Is.EqualTo(new[] { "SL1002", "SL1001", "SL1010" }));
        var unexpected = findings[1];
        Assert.That(unexpected["severity"]!.Text, Is.EqualTo("error"));
        Assert.That(unexpected["file"]!.Text, Is.EqualTo("libMonoPosixHelper.so"));
        Assert.That(unexpected["library"]!.Text, Is.EqualTo("libz.so.1"));
        Assert.That(unexpected["rule"]!.Text, Is.EqualTo("policy musl-portable"));
        Assert.That(unexpected["message"]!.Text, Is.EqualTo(report.Findings[1].Message));
        var steps = unexpected["fix"]!["steps"]!.Items;
        Assert.That(steps.Select(step => step["kind"]!.Text), Is.EqualTo(new[] { "advice", "useTarget", "allowLibrary" }));
        Assert.That(steps[2]["library"]!.Text, Is.EqualTo("libz.so.1"));
        Assert.That(steps[1]["target"]!.Text, Is.EqualTo("alpine.3.20"));
        Assert.That(unexpected["fix"]!["text"]!.Text, Is.EqualTo(report.Findings[1].Fix!.PlainText()));
        Assert.That(unexpected["help"]!.Text, Is.EqualTo("docs/diagnostics/SL1001.md"));
        Assert.That(unexpected["package"]!.Text, Is.EqualTo("the app"));
        Assert.That(unexpected["target"]!.Text, Is.EqualTo("musl-portable"));

        var target = json["targets"]!.Items.Single();
        Assert.That(target["id"]!.Text, Is.EqualTo("musl-portable"));
        Assert.That(target["origin"]!.Text, Is.EqualTo("named"));
        Assert.That(target["reason"]!.Text, Is.EqualTo("StaticLinkPolicy"));
        Assert.That(files[0]["package"]!.Text, Is.EqualTo("the app"));

        var summary = json["summary"]!;
        Assert.That(summary["examinedFiles"]!.Text, Is.EqualTo("7"));
        Assert.That(summary["nativeFiles"]!.Text, Is.EqualTo("4"));
        Assert.That(summary["passed"]!.Text, Is.EqualTo("1"));
        Assert.That(summary["failed"]!.Text, Is.EqualTo("2"));
        Assert.That(summary["ignored"]!.Text, Is.EqualTo("1"));
        Assert.That(summary["alternatives"]!.Text, Is.EqualTo("0"));
        Assert.That(summary["errors"]!.Text, Is.EqualTo("3"));
        Assert.That(summary["warnings"]!.Text, Is.EqualTo("0"));
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
    public void The_sarif_log_has_one_rule_per_code_and_one_result_per_finding()
    {
        var report = SampleReport();

        var sarif = JsonReader.Parse(SarifReport.ToSarif(report));

        Assert.That(sarif["version"]!.Text, Is.EqualTo("2.1.0"));
        var run = sarif["runs"]!.Items.Single();
        var rules = run["tool"]!["driver"]!["rules"]!.Items;
        Assert.That(rules.Select(rule => rule["id"]!.Text), Is.EqualTo(new[] { "SL1001", "SL1002", "SL1010" }));
        Assert.That(rules[0]["name"]!.Text, Is.EqualTo("UnexpectedLibrary"));
        Assert.That(run["originalUriBaseIds"]!["OUTPUT"]!["uri"]!.Text, Is.EqualTo("file:///output/"));
        var results = run["results"]!.Items;
        Assert.That(results, Has.Count.EqualTo(3));
        Assert.That(results[1]["ruleId"]!.Text, Is.EqualTo("SL1001"));
        Assert.That(results[1]["ruleIndex"]!.Text, Is.EqualTo("0"));
        Assert.That(results[1]["level"]!.Text, Is.EqualTo("error"));
        Assert.That(results[1]["message"]!["text"]!.Text, Is.EqualTo(report.Findings[1].Message));
        var location = results[1]["locations"]!.Items.Single()["physicalLocation"]!["artifactLocation"]!;
        Assert.That(location["uri"]!.Text, Is.EqualTo("libMonoPosixHelper.so"));
        Assert.That(location["uriBaseId"]!.Text, Is.EqualTo("OUTPUT"));
        Assert.That(results[1]["properties"]!["library"]!.Text, Is.EqualTo("libz.so.1"));
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
