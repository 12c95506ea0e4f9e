using System;
using System.IO;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink check</c>: the engine and report of the MSBuild task, on any directory or file. Text prints the
/// task's table, one <c>path: error SL1001: message</c> line per finding, and the totals; JSON prints the task's
/// JSON report, which <c>--report</c> also writes to a file.
/// </summary>
internal static class CheckCommand
{
    public static int Run(CheckArguments arguments, TextWriter output, TextWriter error)
    {
        if (Unreadable(arguments.Path) is { } reason)
        {
            error.WriteLine($"staticlink: cannot read {arguments.Path}: {reason}");
            return ExitCodes.Unreadable;
        }

        var report = PublishChecker.Check(new CheckOptions
        {
            Root = arguments.Path,
            RuntimeIdentifier = arguments.RuntimeIdentifier,
            PolicyName = arguments.Policy,
            Targets = arguments.Targets,
            TargetSetting = "--target",
            TargetFramework = arguments.Framework,
            MaxGlibcVersion = arguments.MaxGlibc,
            RulesFile = arguments.Rules,
        });

        if (arguments.Report is { } reportPath)
        {
            try
            {
                JsonReport.WriteFile(report, reportPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"staticlink: cannot write the report {reportPath}: {exception.Message}");
                return ExitCodes.Unreadable;
            }
        }

        if (arguments.Format == OutputFormat.Json)
        {
            JsonReport.Write(report, output);
        }
        else
        {
            WriteText(report, output);
        }

        return report.HasErrors ? ExitCodes.Violations : ExitCodes.Success;
    }

    /// <summary>The findings in the shape compilers use, between the table and its totals line.</summary>
    private static void WriteText(CheckReport report, TextWriter output)
    {
        var lines = TextSummary.Lines(report);
        for (var i = 0; i < lines.Count - 1; i++)
        {
            output.WriteLine(lines[i]);
        }

        foreach (var finding in FindingGroups.Collapse(report.Findings))
        {
            output.WriteLine(FindingLine(finding, report.Root));
        }

        output.WriteLine(lines[lines.Count - 1]);
        output.WriteLine(TextSummary.VerdictLine(report));
    }

    /// <summary><c>path: error SL1001: message</c>; a finding about no file (the configuration) names the root.</summary>
    public static string FindingLine(Finding finding, string root) =>
        $"{finding.File ?? root}: {JsonReport.SeverityName(finding.Severity)} {finding.Code}: {FixText.MessageWithFix(finding)}";

    // A root that is missing or cannot be listed is not a finding about the output: nothing was checked.
    private static string? Unreadable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return null;
            }

            if (!Directory.Exists(path))
            {
                return "no such file or directory";
            }

            using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return exception.Message;
        }
    }
}
