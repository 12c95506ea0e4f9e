using System.Collections.Generic;

namespace StaticLink.Core.Policy;

/// <summary>Everything a check needs, whether it comes from MSBuild properties and items or from the command line.</summary>
public sealed class CheckOptions
{
    /// <summary>The publish directory, or any directory or file to check.</summary>
    public required string Root { get; init; }

    /// <summary>The runtime identifier the output is for, e.g. linux-musl-x64.</summary>
    public required string RuntimeIdentifier { get; init; }

    /// <summary>glibc-portable, musl-portable or static; null picks the default for the RID.</summary>
    public string? PolicyName { get; init; }

    /// <summary>Shorthand for a GLIBC limit, e.g. 2.28.</summary>
    public string? MaxGlibcVersion { get; init; }

    public IReadOnlyList<VersionLimit> MaxVersions { get; init; } = [];

    public IReadOnlyList<LibraryRule> Allow { get; init; } = [];

    public IReadOnlyList<LibraryRule> Deny { get; init; } = [];

    public IReadOnlyList<IgnoreRule> Ignore { get; init; } = [];

    /// <summary>Optional explicit list of files to check (relative to <see cref="Root"/> or absolute); null scans the whole root.</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>
    /// Optional JSON rules file (policy, maxVersions, allow, deny, ignore; see <see cref="RulesFile"/>), merged with
    /// the rules above: explicit options win for the policy and the GLIBC shorthand, lists are combined.
    /// </summary>
    public string? RulesFile { get; init; }

    /// <summary>The app is published with InvariantGlobalization, so the runtime never loads ICU: its dlopen candidates are not reported.</summary>
    public bool InvariantGlobalization { get; init; }
}
