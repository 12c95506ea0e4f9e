using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Reporting;

/// <summary>The Markdown report: verdict, a row per native file with the loader model's resolutions, the findings, the graph; names escaped.</summary>
public class MarkdownReportTests
{
    [Test]
    public void The_report_has_the_verdict_line_a_row_per_file_the_findings_and_a_mermaid_graph()
    {
        var report = SarifReportTests.CraftedReport();

        var markdown = MarkdownReport.ToMarkdown(report, "app (linux-musl-x64)");
        TestContext.Out.WriteLine(markdown);
        var lines = markdown.Split('\n');

        Assert.That(lines[0], Is.EqualTo("### StaticLink: app (linux-musl-x64) ❌ FAILED"));
        Assert.That(Unescape(lines[2]), Is.EqualTo(TextSummary.VerdictLine(report)));
        Assert.That(lines, Does.Contain("| file | package | linkage | libc | needs | min glibc | size | verdict |"));
        var rows = TableRows(lines, "| file |");
        Assert.That(rows, Has.Count.EqualTo(report.Files.Count));
        Assert.That(rows[0], Is.EqualTo(new[]
        {
            "runtimes/linux x64/native/libMonoPosixHelper.so", "Mono.Posix.NETStandard 1.0.0", "dynamic", "glibc",
            "libz.so.1 (missing), libc.so.6 (musl)", "2.14", "4.0 KiB", "❌ fail",
        }));
        Assert.That(rows[1][4], Is.EqualTo("libc.musl-x86_64.so.1 (musl)"));
        Assert.That(rows[1][7], Is.EqualTo("✅ pass"));
        Assert.That(rows[2][7], Is.EqualTo("ignored"));
        Assert.That(rows[3][2], Is.EqualTo("unreadable"));

        var findings = TableRows(lines, "| severity |");
        Assert.That(findings.Select(row => row[1]), Is.EqualTo(report.Findings.Select(finding => finding.Code)));
        var unexpected = findings.Single(row => row[1] == DiagnosticCodes.UnexpectedLibrary);
        Assert.That(unexpected[0], Is.EqualTo("error"));
        Assert.That(unexpected[2], Is.EqualTo("runtimes/linux x64/native/libMonoPosixHelper.so"));
        Assert.That(unexpected[3], Is.EqualTo(MarkdownText.FirstSentence(report.Findings.Single(finding => finding.Code == DiagnosticCodes.UnexpectedLibrary).Message)));
        Assert.That(unexpected[3], Does.EndWith("."));

        Assert.That(markdown, Does.Contain("```mermaid\nflowchart LR\n"));
        Assert.That(markdown.TrimEnd(), Does.EndWith("```"));
    }

    [Test]
    public void A_passing_report_says_so_and_has_no_findings_table()
    {
        var report = Facts.Check("linux-musl-x64", Facts.File("libe_sqlite3.so", Facts.Library("libe_sqlite3.so", "libc.musl-x86_64.so.1")));

        var markdown = MarkdownReport.ToMarkdown(report);

        Assert.That(markdown, Does.StartWith("### StaticLink ✅ passed\n"));
        Assert.That(markdown, Does.Contain("No findings."));
    }

    [Test]
    public void Pipes_brackets_stars_and_tags_in_names_cannot_break_the_table_or_format_it()
    {
        var nasty = "lib|a*b_[c](d)<script>`e`.so";
        var report = Facts.Check("linux-x64", Facts.File(nasty, Facts.Library(nasty, "libz|x.so.1")));

        var markdown = MarkdownReport.ToMarkdown(report);
        var row = markdown.Split('\n').Single(line => line.StartsWith("| lib", System.StringComparison.Ordinal));

        Assert.That(row, Does.StartWith("| lib\\|a\\*b\\_\\[c\\](d)\\<script\\>\\`e\\`.so |"));
        Assert.That(SplitRow(row), Has.Count.EqualTo(8), "every pipe of the name is escaped, so the row keeps its eight cells");
        Assert.That(markdown, Does.Not.Contain("<script>"));
    }

    [TestCase("a|b", "a\\|b")]
    [TestCase("x*y*", "x\\*y\\*")]
    [TestCase("[link](http://x)", "\\[link\\](http://x)")]
    [TestCase("line\nbreak", "line break")]
    [TestCase("a\\b", "a\\\\b")]
    [TestCase("<b>&amp;", "\\<b\\>\\&amp;")]
    [TestCase("libstdc++.so.6", "libstdc++.so.6")]
    public void Markdown_escaping(string text, string expected)
    {
        Assert.That(MarkdownText.Escape(text), Is.EqualTo(expected));
    }

    [TestCase("libfoo.so needs libz.so.1, which the target lacks. Allow it with --allow libz.so.1.", "libfoo.so needs libz.so.1, which the target lacks.")]
    [TestCase("A library (e.g. libz.so.1) is missing. Fix it.", "A library (e.g. libz.so.1) is missing.")]
    [TestCase("No period at the end", "No period at the end")]
    [TestCase("Needs GLIBC_2.34.", "Needs GLIBC_2.34.")]
    public void The_first_sentence_of_a_message(string message, string expected)
    {
        Assert.That(MarkdownText.FirstSentence(message), Is.EqualTo(expected));
    }

    /// <summary>The cells of each row of the table whose header starts with <paramref name="header"/>, unescaped.</summary>
    internal static List<string[]> TableRows(IReadOnlyList<string> lines, string header)
    {
        var start = lines.ToList().FindIndex(line => line.StartsWith(header, System.StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "no table starting " + header);
        var rows = new List<string[]>();
        for (var index = start + 2; index < lines.Count && lines[index].StartsWith('|'); index++)
        {
            rows.Add(SplitRow(lines[index]).Select(Unescape).ToArray());
        }

        return rows;
    }

    /// <summary>Splits a table row on its unescaped pipes, as GitHub's table parser does.</summary>
    internal static List<string> SplitRow(string row)
    {
        var cells = Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|");
        return cells.Select(cell => cell.Trim()).ToList();
    }

    internal static string Unescape(string text) => Regex.Replace(text, @"\\(.)", "$1");
}
