namespace StaticLink.Core.Policy;

/// <summary>A validated version limit: the newest version allowed for one symbol version prefix, and its origin.</summary>
/// <param name="Prefix">GLIBC, GLIBCXX, CXXABI, GCC, ...</param>
/// <param name="Maximum">The newest allowed version.</param>
/// <param name="Source">e.g. "StaticLinkMaxGlibcVersion" or "maxVersions in rules.json".</param>
public sealed record EffectiveVersionLimit(string Prefix, VersionNumber Maximum, string Source)
{
    /// <summary>e.g. "StaticLinkMaxGlibcVersion 2.28".</summary>
    public string DisplayName => Source + " " + Prefix + "_" + Maximum.Text;
}
