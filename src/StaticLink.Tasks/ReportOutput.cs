using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;

namespace StaticLink.Tasks;

/// <summary>The summary table and the JSON report of a check, as the task shows and writes them.</summary>
internal static class ReportOutput
{
    public static string Summary(CheckReport report)
    {
        var header = new[] { "file", "size", "linkage", "libc", "external", "min glibc", "verdict" };
        var rows = report.Files
            .Select(file => new[]
            {
                file.Path,
                file.Size.ToString(CultureInfo.InvariantCulture),
                file.Elf?.Linkage.ToString() ?? "-",
                file.Elf?.Libc.ToString() ?? "-",
                file.External.Count == 0 ? "-" : string.Join(" ", file.External),
                file.MinimumGlibc ?? "-",
                file.Verdict,
            })
            .ToList();
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).DefaultIfEmpty(0).Max()).ToArray();
        for (var column = 0; column < header.Length; column++)
        {
            widths[column] = System.Math.Max(widths[column], header[column].Length);
        }

        var text = new StringBuilder();
        text.Append("StaticLink: ").Append(report.Files.Count).Append(" native file(s) in ").Append(report.Root)
            .Append(", policy ").Append(report.PolicyName).Append(" (").Append(report.RuntimeIdentifier).Append(')').AppendLine();
        AppendRow(text, header, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        var errors = report.Findings.Count(finding => finding.Severity == FindingSeverity.Error);
        var warnings = report.Findings.Count(finding => finding.Severity == FindingSeverity.Warning);
        text.Append(errors).Append(" error(s), ").Append(warnings).Append(" warning(s)");
        return text.ToString();
    }

    public static void WriteJson(CheckReport report, string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var output = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var json = new JsonWriter(output);
        json.StartObject();
        json.Property("root", report.Root);
        json.Property("runtimeIdentifier", report.RuntimeIdentifier);
        json.Property("policy", report.PolicyName);
        json.Property("hasErrors", report.HasErrors);
        json.Name("files");
        json.StartArray();
        foreach (var file in report.Files)
        {
            json.StartObject();
            json.Property("path", file.Path);
            json.Property("size", file.Size);
            json.Property("linkage", file.Elf?.Linkage.ToString());
            json.Property("libc", file.Elf?.Libc.ToString());
            json.StringArray("bundled", file.Bundled);
            json.StringArray("external", file.External);
            json.Property("minimumGlibc", file.MinimumGlibc);
            json.Property("error", file.Error);
            json.Property("ignoredReason", file.IgnoredReason);
            json.Property("verdict", file.Verdict);
            json.EndObject();
        }

        json.EndArray();
        json.Name("findings");
        json.StartArray();
        foreach (var finding in report.Findings)
        {
            json.StartObject();
            json.Property("code", finding.Code);
            json.Property("severity", finding.Severity.ToString().ToLowerInvariant());
            json.Property("file", finding.File);
            json.Property("library", finding.Library);
            json.Property("rule", finding.Rule);
            json.Property("message", finding.Message);
            json.Property("fix", finding.Fix);
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        output.WriteLine();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append("  ");
        for (var column = 0; column < cells.Length; column++)
        {
            text.Append(column == cells.Length - 1 ? cells[column] : cells[column].PadRight(widths[column] + 2));
        }

        text.AppendLine();
    }
}
