using System;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>The counts every view of a report shows: files by verdict, findings by severity.</summary>
public sealed class ReportSummary
{
    private ReportSummary()
    {
    }

    public int ExaminedFiles { get; private set; }

    public int NativeFiles { get; private set; }

    public int Passed { get; private set; }

    public int Warned { get; private set; }

    public int Failed { get; private set; }

    public int Ignored { get; private set; }

    /// <summary>Files that would not load, but another build of their SONAME in the output does (SL3003).</summary>
    public int Alternatives { get; private set; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public int Infos { get; private set; }

    public static ReportSummary Of(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var summary = new ReportSummary { ExaminedFiles = report.ExaminedFileCount, NativeFiles = report.Files.Count };
        foreach (var file in report.Files)
        {
            switch (file.Verdict)
            {
                case Verdict.Pass: summary.Passed++; break;
                case Verdict.Warn: summary.Warned++; break;
                case Verdict.Fail: summary.Failed++; break;
                case Verdict.Alternative: summary.Alternatives++; break;
                default: summary.Ignored++; break;
            }
        }

        foreach (var finding in report.Findings)
        {
            switch (finding.Severity)
            {
                case FindingSeverity.Error: summary.Errors++; break;
                case FindingSeverity.Warning: summary.Warnings++; break;
                default: summary.Infos++; break;
            }
        }

        return summary;
    }
}
