using System;

namespace StaticLink.Core.Policy;

/// <summary>
/// How the JSON report, SARIF and text outputs spell each kind, verdict and resolution: the one place per enum, and
/// the strings are part of the report's schema, so they never change with a renamed member.
/// </summary>
public static class ReportText
{
    public static string ToReportText(this FileKind kind) => kind switch
    {
        FileKind.Executable => "executable",
        FileKind.SharedLibrary => "shared-library",
        FileKind.Relocatable => "relocatable",
        FileKind.Core => "core",
        FileKind.DebugSymbols => "debug-symbols",
        FileKind.Unreadable => "unreadable",
        FileKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToReportText(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Warn => "warn",
        Verdict.Fail => "fail",
        Verdict.Ignored => "ignored",
        Verdict.Alternative => "alternative",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string ToReportText(this PInvokeResolution resolution) => resolution switch
    {
        PInvokeResolution.Bundled => "bundled",
        PInvokeResolution.Runtime => "runtime",
        PInvokeResolution.CLibrary => "libc",
        PInvokeResolution.Target => "target",
        PInvokeResolution.Allowed => "allowed",
        PInvokeResolution.OtherPlatform => "other-platform",
        PInvokeResolution.Ignored => "ignored",
        PInvokeResolution.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };
}
