namespace StaticLink.Core.Policy;

/// <summary>
/// Why a configuration value is invalid and what to write instead: an SL1007 finding in a check, a usage error on the
/// command line. <see cref="Text"/> is both, the way a finding's message reads.
/// </summary>
public sealed record ConfigurationProblem(string Message, string Fix)
{
    public string Text => Message + " " + Fix;
}
