namespace StaticLink.Core.Policy;

/// <summary>The values of <see cref="FileReport.Verdict"/>.</summary>
public static class Verdicts
{
    public const string Pass = "pass";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Ignored = "ignored";
}
