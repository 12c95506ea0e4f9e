using System.Collections.Generic;

namespace StaticLink.Core.Policy;

/// <summary>
/// The rules a check applies once every input is validated and merged: the built-in policy for the RID, the user's
/// allow/deny/ignore rules and version limits (from MSBuild and the rules file), and the configuration problems
/// found on the way (SL1007), which never stop the check unless nothing sensible is left to check against.
/// </summary>
public sealed class RuleSet
{
    public required RuntimeIdentifierInfo Target { get; init; }

    public required PublishPolicy Policy { get; init; }

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
