using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The report for people, in GitHub-flavoured Markdown (a job summary, a pull-request comment): the verdict line the
/// task prints, a table of the native files with how each NEEDED entry resolves, the findings' first sentences, and a
/// Mermaid graph of what pulls in what (<see cref="MermaidGraph"/>). Every name from the output is escaped.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Rows of the file table; an output with more lists the rest in the JSON report only.</summary>
    public const int MaximumFileRows = 500;

    /// <summary>Rows of the findings table, after grouping (<see cref="FindingGroups"/>).</summary>
    public const int MaximumFindingRows = 200;

    private static readonly string[] FileHeaders = ["file", "package", "linkage", "libc", "needs", "min glibc", "size", "verdict"];

    /// <param name="report">The check.</param>
    /// <param name="output">Where the Markdown goes.</param>
    /// <param name="title">What the heading names besides StaticLink, e.g. the project; null for none.</param>
    public static void Write(CheckReport report, TextWriter output, string? title = null)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        output.Write(ToMarkdown(report, title));
    }

    public static string ToMarkdown(CheckReport report, string? title = null)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var text = new StringBuilder();
        var verdict = report.HasErrors ? "❌ FAILED" : "✅ passed";
        var heading = string.IsNullOrWhiteSpace(title) ? "StaticLink" : "StaticLink: " + MarkdownText.Escape(title);
        text.Append("### ").Append(heading).Append(' ').Append(verdict).Append('\n').Append('\n');
        text.Append(MarkdownText.Escape(TextSummary.VerdictLine(report))).Append('\n').Append('\n');
        text.Append("Runtime identifier ").Append(MarkdownText.Escape(report.RuntimeIdentifier))
            .Append(", output ").Append(MarkdownText.Escape(report.Root)).Append('.').Append('\n').Append('\n');

        WriteFiles(report, text);
        WriteFindings(report, text);
        WriteGraph(report, text);
        return text.ToString();
    }

    /// <summary>"libz.so.1 (missing), libc.so.6 (target)": each NEEDED entry with the loader model's verdict.</summary>
    public static string Needs(FileReport file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var parts = new List<string>(file.Needs.Count);
        foreach (var need in file.Needs)
        {
            parts.Add(need.Library + " (" + NeededKindNames.Of(need.Kind) + ")");
        }

        return string.Join(", ", parts);
    }

    private static void WriteFiles(CheckReport report, StringBuilder text)
    {
        if (report.Files.Count == 0)
        {
            text.Append("No native files in the output.\n\n");
            return;
        }

        text.Append("| ").Append(string.Join(" | ", FileHeaders)).Append(" |\n");
        text.Append('|');
        foreach (var header in FileHeaders)
        {
            text.Append(header is "size" ? " ---: |" : " --- |");
        }

        text.Append('\n');
        for (var index = 0; index < report.Files.Count && index < MaximumFileRows; index++)
        {
            var file = report.Files[index];
            var elf = file.Elf;
            string[] cells =
            [
                MarkdownText.Cell(file.Path),
                MarkdownText.Cell(file.Package),
                MarkdownText.Cell(elf is null || !file.IsLoadable ? file.Kind.ToReportText() : ElfNames.Linkage(elf.Linkage)),
                MarkdownText.Cell(file.Libc),
                MarkdownText.Cell(Needs(file)),
                MarkdownText.Cell(file.MinimumGlibc),
                MarkdownText.Cell(TextSummary.FormatSize(file.Size)),
                VerdictCell(file.Verdict),
            ];
            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }

        if (report.Files.Count > MaximumFileRows)
        {
            text.Append('\n').Append(string.Format(
                CultureInfo.InvariantCulture,
                "{0} more native files are in the JSON report.\n",
                report.Files.Count - MaximumFileRows));
        }

        text.Append('\n');
    }

    private static void WriteFindings(CheckReport report, StringBuilder text)
    {
        var findings = FindingGroups.Collapse(report.Findings);
        if (findings.Count == 0)
        {
            text.Append("No findings.\n\n");
            return;
        }

        text.Append("| severity | code | file | finding |\n| --- | --- | --- | --- |\n");
        for (var index = 0; index < findings.Count && index < MaximumFindingRows; index++)
        {
            var finding = findings[index];
            text.Append("| ").Append(JsonReport.SeverityName(finding.Severity))
                .Append(" | ").Append(MarkdownText.Cell(finding.Code))
                .Append(" | ").Append(MarkdownText.Cell(finding.File))
                .Append(" | ").Append(MarkdownText.Cell(MarkdownText.FirstSentence(finding.Message)))
                .Append(" |\n");
        }

        if (findings.Count > MaximumFindingRows)
        {
            text.Append('\n').Append(string.Format(
                CultureInfo.InvariantCulture,
                "{0} more findings are in the build log and the JSON report.\n",
                findings.Count - MaximumFindingRows));
        }

        text.Append('\n');
    }

    private static void WriteGraph(CheckReport report, StringBuilder text)
    {
        var lines = MermaidGraph.Lines(report);
        if (lines.Count <= 1)
        {
            return;
        }

        text.Append("```mermaid\n");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        text.Append("```\n\n");
    }

    private static string VerdictCell(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✅ pass",
        Verdict.Warn => "⚠️ warn",
        Verdict.Fail => "❌ fail",
        _ => MarkdownText.Cell(verdict.ToReportText()),
    };
}
