namespace StaticLink.Core.Policy;

/// <summary>The newest symbol version allowed for a prefix, e.g. GLIBC 2.28 or GLIBCXX 3.4.22.</summary>
public sealed record VersionLimit(string Prefix, string MaximumVersion);
