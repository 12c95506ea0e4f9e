using System.Collections.Generic;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// The rules a check applies once every input is validated and merged: the built-in policy for the RID, the user's
/// allow/deny/ignore rules and version limits (from MSBuild and the rules file), and the configuration problems
/// found on the way (SL1007), which never stop the check unless nothing sensible is left to check against.
/// </summary>
public sealed class RuleSet
{
    /// <summary>The runtime identifier the output is for: its C library and architecture.</summary>
    public required RuntimeIdentifierInfo Rid { get; init; }

    /// <summary>Where the output will run; all must pass. Empty only when the check cannot run (see <see cref="CannotCheck"/>).</summary>
    public IReadOnlyList<ResolvedTarget> Targets { get; init; } = [];

    /// <summary>The TFM (net8.0, net10.0): it decides .NET's floor.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>ICU is linked into a NativeAOT executable (StaticICULinking): the target need not have it.</summary>
    public bool StaticIcuLinking { get; init; }

    /// <summary>OpenSSL is linked into a NativeAOT executable (StaticOpenSslLinking).</summary>
    public bool StaticOpenSslLinking { get; init; }

    /// <summary>The output is a .NET app (the task always knows; the command line looks for the runtime's files); null: decide from the output.</summary>
    public bool? IsDotNetApp { get; init; }

    /// <summary>Output-relative path (or file name) -> where the file came from, e.g. "SQLitePCLRaw.lib.e_sqlite3 3.53.3".</summary>
    public IReadOnlyDictionary<string, string> FileOrigins { get; set; } = new Dictionary<string, string>();

    public IReadOnlyList<SourcedRule> Allow { get; init; } = [];

    public IReadOnlyList<SourcedRule> Deny { get; init; } = [];

    public IReadOnlyList<SourcedRule> Ignore { get; init; } = [];

    public IReadOnlyList<EffectiveVersionLimit> VersionLimits { get; init; } = [];

    /// <summary>The app does not load ICU (InvariantGlobalization), so ICU dlopen candidates are not reported.</summary>
    public bool InvariantGlobalization { get; init; }

    /// <summary>SL1007 findings, one per bad value.</summary>
    public IReadOnlyList<Finding> Problems { get; init; } = [];

    /// <summary>True when the configuration leaves nothing to check against (e.g. a Windows RID).</summary>
    public bool CannotCheck { get; init; }

    public SourcedRule? FindAllow(string soname) => Find(Allow, soname);

    public SourcedRule? FindDeny(string soname) => Find(Deny, soname);

    /// <summary>The first ignore rule matching the file's relative path or its name.</summary>
    public SourcedRule? FindIgnore(string relativePath, string fileName)
    {
        foreach (var rule in Ignore)
        {
            if (Glob.IsPathMatch(rule.Pattern, relativePath) || Glob.IsMatch(rule.Pattern, fileName))
            {
                return rule;
            }
        }

        return null;
    }

    private static SourcedRule? Find(IReadOnlyList<SourcedRule> rules, string soname)
    {
        foreach (var rule in rules)
        {
            if (Glob.IsMatch(rule.Pattern, soname))
            {
                return rule;
            }
        }

        return null;
    }
}
