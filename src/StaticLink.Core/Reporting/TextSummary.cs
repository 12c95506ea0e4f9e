using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The short table the MSBuild task prints at normal verbosity and the command line prints by default: one row per
/// native file with size, whether it is stripped (and what stripping saves or saved), linkage, libc, external
/// libraries, minimum glibc, fully static (as `file` says "statically linked") and verdict.
/// </summary>
public static class TextSummary
{
    /// <summary>External library lists longer than this are cut, so a row stays readable in a build log.</summary>
    public const int ExternalColumnWidth = 60;

    private static readonly string[] Headers = ["file", "size", "stripped", "linkage", "libc", "external", "min glibc", "fully static", "verdict"];

    /// <summary>The heading line, then one line per native file, then the totals.</summary>
    public static IReadOnlyList<string> Lines(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var summary = ReportSummary.Of(report);
        var lines = new List<string>
        {
            string.Format(
                CultureInfo.InvariantCulture,
                "StaticLink: {0} native file{1} of {2} in {3} ({4}, target {5})",
                summary.NativeFiles,
                summary.NativeFiles == 1 ? string.Empty : "s",
                summary.ExaminedFiles,
                report.Root,
                report.RuntimeIdentifier,
                report.PolicyName),
        };

        if (report.Files.Count > 0)
        {
            var rows = new List<string[]> { Headers };
            foreach (var file in report.Files)
            {
                rows.Add(Row(file));
            }

            var widths = new int[Headers.Length];
            foreach (var row in rows)
            {
                for (var column = 0; column < row.Length; column++)
                {
                    widths[column] = Math.Max(widths[column], row[column].Length);
                }
            }

            foreach (var row in rows)
            {
                var line = new StringBuilder("  ");
                for (var column = 0; column < row.Length; column++)
                {
                    var last = column == row.Length - 1;
                    if (column == 1)
                    {
                        line.Append(row[column].PadLeft(widths[column]));
                    }
                    else
                    {
                        line.Append(last ? row[column] : row[column].PadRight(widths[column]));
                    }

                    if (!last)
                    {
                        line.Append("  ");
                    }
                }

                lines.Add(line.ToString().TrimEnd());
            }
        }

        lines.Add(string.Format(
            CultureInfo.InvariantCulture,
            "StaticLink: {0}: {1} error{2}, {3} warning{4}; {5} passed, {6} warned, {7} failed, {8} ignored",
            report.HasErrors ? "FAILED" : "passed",
            summary.Errors,
            summary.Errors == 1 ? string.Empty : "s",
            summary.Warnings,
            summary.Warnings == 1 ? string.Empty : "s",
            summary.Passed,
            summary.Warned,
            summary.Failed,
            summary.Ignored) + (summary.Alternatives > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} alternative builds not used", summary.Alternatives) : string.Empty));
        return lines;
    }

    /// <summary>
    /// The one line a check always prints: how many native files, against which target and why, and the verdict,
    /// e.g. "StaticLink: 14 native files checked against debian.12 (named by StaticLinkTarget): passed, 0 errors, 1 warning".
    /// </summary>
    public static string VerdictLine(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var summary = ReportSummary.Of(report);
        var targets = new List<string>();
        foreach (var target in report.Targets)
        {
            targets.Add(target.Id + " (" + target.Reason + ")");
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "StaticLink: {0} native file{1} checked against {2}: {3}, {4} error{5}, {6} warning{7}.",
            summary.NativeFiles,
            summary.NativeFiles == 1 ? string.Empty : "s",
            targets.Count == 0 ? "no target" : string.Join(" and ", targets),
            report.HasErrors ? "FAILED" : "passed",
            summary.Errors,
            summary.Errors == 1 ? string.Empty : "s",
            summary.Warnings,
            summary.Warnings == 1 ? string.Empty : "s");
    }

    public static void Write(CheckReport report, TextWriter output)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        foreach (var line in Lines(report))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>1536 -> "1.5 KiB"; exact bytes below 1 KiB.</summary>
    public static string FormatSize(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string[] Row(FileReport file)
    {
        var elf = file.Elf;
        var external = file.External.Count == 0 ? "-" : string.Join(", ", file.External);
        if (external.Length > ExternalColumnWidth)
        {
            external = new StringBuilder(external, 0, ExternalColumnWidth - 3, ExternalColumnWidth).Append("...").ToString();
        }

        return
        [
            file.Path,
            FormatSize(file.Size),
            Stripped(file),
            elf is null ? file.Kind.ToReportText() : (file.IsLoadable ? ElfNames.Linkage(elf.Linkage) : file.Kind.ToReportText()),
            file.Libc,
            external,
            file.MinimumGlibc ?? "-",
            elf is null || !file.IsLoadable ? "-" : (file.FullyStatic ? "yes" : "no"),
            file.Verdict.ToReportText(),
        ];
    }

    /// <summary>"no, 2.3 MiB if stripped", "yes, +2.4 MiB in app.dbg", "yes", or "-" for files one does not strip.</summary>
    private static string Stripped(FileReport file)
    {
        if (file.Elf is null || !file.IsLoadable)
        {
            return "-";
        }

        if (file.StrippedSize is { } stripped)
        {
            return "no, " + FormatSize(stripped) + " if stripped";
        }

        if (file.DebugCompanion is { } companion && file.DebugCompanionSize is { } companionSize)
        {
            return "yes, +" + FormatSize(companionSize) + " in " + ForwardSlashPath.FileName(companion);
        }

        return file.Elf.Stripped ? "yes" : "no";
    }
}
