using System.Collections.Generic;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>Everything a check needs, whether it comes from MSBuild properties and items or from the command line.</summary>
public sealed class CheckOptions
{
    /// <summary>The publish directory, or any directory or file to check.</summary>
    public required string Root { get; init; }

    /// <summary>The runtime identifier the output is for, e.g. linux-musl-x64.</summary>
    public required string RuntimeIdentifier { get; init; }

    /// <summary>The old policy names (glibc-portable, musl-portable, static), kept as targets; used when no target is named.</summary>
    public string? PolicyName { get; init; }

    /// <summary>
    /// Where the output will run (all must pass): built-in targets (debian.12, mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled,
    /// scratch, ...), target files, root filesystems or image archives. Empty: the container base image or .NET's floor.
    /// </summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>How the front end names the settings, for messages (StaticLinkTarget or --target, ...).</summary>
    public SettingNames SettingNames { get; init; } = SettingNames.MSBuild;

    /// <summary>The TFM, e.g. net10.0: it decides .NET's floor and the SDK's container tag.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>The project's container settings; null when unknown (the command line).</summary>
    public ContainerSettings? Container { get; init; }

    /// <summary>ICU linked into a NativeAOT executable (StaticICULinking).</summary>
    public bool StaticIcuLinking { get; init; }

    /// <summary>OpenSSL linked into a NativeAOT executable (StaticOpenSslLinking).</summary>
    public bool StaticOpenSslLinking { get; init; }

    /// <summary>True when the output is known to be a .NET app; null lets the check decide from the output's files.</summary>
    public bool? IsDotNetApp { get; init; }

    /// <summary>Output-relative path or file name -> its NuGet package ("Id Version"); merged with what the output's deps.json says.</summary>
    public IReadOnlyDictionary<string, string> FileOrigins { get; init; } = new Dictionary<string, string>();

    /// <summary>Shorthand for a GLIBC limit, e.g. 2.28.</summary>
    public string? MaxGlibcVersion { get; init; }

    public IReadOnlyList<VersionLimit> MaxVersions { get; init; } = [];

    public IReadOnlyList<LibraryRule> Allow { get; init; } = [];

    public IReadOnlyList<LibraryRule> Deny { get; init; } = [];

    public IReadOnlyList<IgnoreRule> Ignore { get; init; } = [];

    /// <summary>
    /// Optional JSON rules file (policy, maxVersions, allow, deny, ignore; see <see cref="RulesFile"/>), merged with
    /// the rules above: explicit options win for the policy and the GLIBC shorthand, lists are combined.
    /// </summary>
    public string? RulesFile { get; init; }

    /// <summary>The app is published with InvariantGlobalization, so the runtime never loads ICU: its dlopen candidates are not reported.</summary>
    public bool InvariantGlobalization { get; init; }

    /// <summary>A baseline file (docs/baseline.md): findings it accepts become information, only new ones fail.</summary>
    public string? BaselineFile { get; init; }

    /// <summary>Rewrite <see cref="BaselineFile"/> with today's state (created when missing), then apply it.</summary>
    public bool UpdateBaseline { get; init; }

    /// <summary>
    /// The files of <see cref="Root"/> as <see cref="OutputFileWalker.Walk"/> listed them, when the front end has
    /// listed them already (the MSBuild task does, for its stamp); null: the scan lists them itself.
    /// </summary>
    public IReadOnlyList<OutputFileWalker.Entry>? Listing { get; init; }
}
