namespace StaticLink.Core.Policy;

/// <summary>A user rule together with where it came from, so a finding can say which rule decided and where to change it.</summary>
/// <param name="Pattern">The glob.</param>
/// <param name="Reason">The user's reason, if given.</param>
/// <param name="Source">e.g. "StaticLinkAllow" or "allow in rules.json".</param>
public sealed record SourcedRule(string Pattern, string? Reason, string Source)
{
    /// <summary>e.g. "StaticLinkDeny libssl.so.*".</summary>
    public string DisplayName => Source + " " + Pattern;
}
