namespace StaticLink.Core.Policy;

/// <summary>What the check says of one file (<see cref="FileReport.Verdict"/>); reports spell it with <see cref="ReportText"/>.</summary>
public enum Verdict
{
    Pass,
    Warn,
    Fail,
    Ignored,

    /// <summary>Another file of the output with the same SONAME loads on the target; this one is the package's alternative.</summary>
    Alternative,
}
