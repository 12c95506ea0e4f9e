namespace StaticLink.Core.Policy;

/// <summary>The values of <see cref="FileReport.Verdict"/>.</summary>
public static class Verdicts
{
    public const string Pass = "pass";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Ignored = "ignored";

    /// <summary>Another file of the output with the same SONAME loads on the target; this one is the package's alternative.</summary>
    public const string Alternative = "alternative";
}
