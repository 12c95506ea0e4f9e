using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// Validates and merges the check's configuration into a <see cref="RuleSet"/>. Every bad value (an unknown policy or
/// target, a malformed version limit or pattern, a broken rules file) becomes one SL1007 finding, all of them are
/// reported, and the check stops there: a check run on half of what was asked would pass what the user meant to fail.
/// The command line calls the same <c>Invalid*</c> methods while it parses, so a typo is a usage error there.
/// </summary>
public static class RuleSetBuilder
{
    public static RuleSet Build(CheckOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var problems = new List<Finding>();
        var target = RuntimeIdentifierInfo.Parse(options.RuntimeIdentifier);
        var cannotCheck = CheckTarget(target, problems);

        // An unknown architecture is reported but checked without architecture rules; it does not stop the check.
        var configurationNotes = problems.Count;

        RulesFile? rulesFile = null;
        if (!string.IsNullOrWhiteSpace(options.RulesFile))
        {
            rulesFile = RulesFile.Load(options.RulesFile!);
            problems.AddRange(rulesFile.Problems);
        }

        var rulesSource = rulesFile is null ? string.Empty : " in " + System.IO.Path.GetFileName(rulesFile.Path);
        var policyName = options.PolicyName;
        var names = options.SettingNames;
        var policySetting = names.Policy;
        if (string.IsNullOrWhiteSpace(policyName) && !string.IsNullOrWhiteSpace(rulesFile?.PolicyName))
        {
            policyName = rulesFile!.PolicyName;
            policySetting = "policy" + rulesSource;
        }


        var limits = new List<EffectiveVersionLimit>();
        AddGlibcShorthand(options.MaxGlibcVersion, names.MaxGlibcVersion, null, limits, problems);
        foreach (var limit in options.MaxVersions)
        {
            AddLimit(limit, names.MaxVersion, null, limits, problems);
        }

        var allow = new List<SourcedRule>();
        var deny = new List<SourcedRule>();
        var ignore = new List<SourcedRule>();
        AddLibraryRules(options.Allow, names.Allow, null, allow, problems);
        AddLibraryRules(options.Deny, names.Deny, null, deny, problems);
        AddIgnoreRules(options.Ignore, names.Ignore, null, ignore, problems);

        if (rulesFile is not null)
        {
            if (string.IsNullOrWhiteSpace(options.MaxGlibcVersion))
            {
                AddGlibcShorthand(rulesFile.MaxGlibcVersion, "maxGlibcVersion" + rulesSource, rulesFile.Path, limits, problems);
            }

            foreach (var limit in rulesFile.MaxVersions)
            {
                AddLimit(limit, "maxVersions" + rulesSource, rulesFile.Path, limits, problems);
            }

            AddLibraryRules(rulesFile.Allow, "allow" + rulesSource, rulesFile.Path, allow, problems);
            AddLibraryRules(rulesFile.Deny, "deny" + rulesSource, rulesFile.Path, deny, problems);
            AddIgnoreRules(rulesFile.Ignore, "ignore" + rulesSource, rulesFile.Path, ignore, problems);
        }

        // Everything so far is configuration the user wrote: any problem in it stops the check (once the targets'
        // own problems are known too, so that all of them are reported at once).
        var configurationInvalid = problems.Count > configurationNotes;
        var targetFramework = options.TargetFramework ?? RuntimeConfigFile.TargetFramework(options.Root);

        // Targets last: a rules file's policy and every other problem are known, and a bad target stops the check.
        var targets = cannotCheck
            ? []
            : TargetResolver.Resolve(options.Targets, names.Target, policyName, policySetting, target, targetFramework, options.Container, problems);
        cannotCheck |= targets.Count == 0 || configurationInvalid;

        return new RuleSet
        {
            Rid = target,
            Targets = targets,
            TargetFramework = targetFramework,
            StaticIcuLinking = options.StaticIcuLinking,
            StaticOpenSslLinking = options.StaticOpenSslLinking,
            IsDotNetApp = options.IsDotNetApp,
            FileOrigins = options.FileOrigins,
            Allow = allow,
            Deny = deny,
            Ignore = ignore,
            VersionLimits = Strictest(limits),
            InvariantGlobalization = options.InvariantGlobalization,
            Problems = problems,
            CannotCheck = cannotCheck,
        };
    }

    private static bool CheckTarget(RuntimeIdentifierInfo target, List<Finding> problems)
    {
        if (target.RuntimeIdentifier.Length == 0)
        {
            problems.Add(Problem(
                null,
                "RuntimeIdentifier",
                "No runtime identifier was given, so StaticLink cannot tell which C library and architecture the output is for.",
                "Publish with -r linux-x64 (or linux-musl-x64, linux-arm64, ...), or pass --rid to the command line."));
            return true;
        }

        if (!target.IsLinux)
        {
            problems.Add(Problem(
                null,
                "RuntimeIdentifier",
                $"The runtime identifier '{target.RuntimeIdentifier}' is not a Linux RID; StaticLink checks the ELF files of linux-* and linux-musl-* outputs.",
                "Use a Linux RID such as linux-x64 or linux-musl-x64, or set StaticLinkEnabled to false for this publish."));
            return true;
        }

        if (target.Libc == LibcFlavor.Bionic)
        {
            problems.Add(Problem(
                null,
                "RuntimeIdentifier",
                $"The runtime identifier '{target.RuntimeIdentifier}' is an Android (bionic) RID; StaticLink has no built-in policy for bionic yet.",
                "Set StaticLinkEnabled to false for this publish."));
            return true;
        }

        if (target.Architecture is null)
        {
            var known = new List<string>();
            foreach (var architecture in TargetArchitecture.All)
            {
                known.Add(architecture.RidName);
            }

            problems.Add(Problem(
                null,
                "RuntimeIdentifier",
                $"The architecture '{target.ArchitectureName}' of runtime identifier '{target.RuntimeIdentifier}' is not one StaticLink knows ({string.Join(", ", known)}); architecture checks are skipped and every known loader name is accepted.",
                "Use a RID with a known architecture, or report the architecture so its loader names can be added."));
        }

        return false;
    }

    private static void AddGlibcShorthand(string? value, string setting, string? file, List<EffectiveVersionLimit> limits, List<Finding> problems)
    {
        if (value is null || value.Length == 0)
        {
            return;
        }

        if (InvalidMaxGlibcVersion(value, setting) is { } problem)
        {
            problems.Add(Problem(file, setting, problem.Message, problem.Fix));
            return;
        }

        limits.Add(new EffectiveVersionLimit("GLIBC", GlibcShorthand(value)!, setting));
    }

    /// <summary>
    /// Null when <paramref name="value"/> is a glibc version limit (2.28 or GLIBC_2.28); else why not and what to write,
    /// for an SL1007 finding or a usage error.
    /// </summary>
    public static ConfigurationProblem? InvalidMaxGlibcVersion(string value, string setting) =>
        GlibcShorthand(value) is null
            ? new ConfigurationProblem($"{setting} '{value}' is not a version.", $"Write it as numbers separated by dots, e.g. 2.28, or remove {setting}.")
            : null;

    /// <summary>Null when <paramref name="name"/> is a built-in policy; else why not and what to write instead.</summary>
    public static ConfigurationProblem? InvalidPolicy(string name, string setting) =>
        BuiltInPolicies.IsKnown((name ?? string.Empty).Trim().ToLowerInvariant())
            ? null
            : new ConfigurationProblem(
                $"{setting} '{name}' is not a built-in policy ({string.Join(", ", BuiltInPolicies.Names)}).",
                $"Set {setting} to one of {string.Join(", ", BuiltInPolicies.Names)}, or name a target with StaticLinkTarget instead.");

    /// <summary>Null when <paramref name="pattern"/> can match sonames (a soname or a glob of one); else why not.</summary>
    public static ConfigurationProblem? InvalidLibraryPattern(string pattern, string setting)
    {
        var trimmed = (pattern ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return new ConfigurationProblem($"{setting} has an empty pattern.", "Give a soname or a glob such as libz.so.1 or libz.so.*, or remove the rule.");
        }

        if (TextSearch.HasCharacter(trimmed, '/') || TextSearch.HasCharacter(trimmed, '\\'))
        {
            return new ConfigurationProblem(
                $"{setting} '{trimmed}' contains a path separator; these rules match sonames (such as libz.so.1), not paths.",
                $"Use the library's soname, e.g. {System.IO.Path.GetFileName(trimmed.Replace('\\', '/'))}.");
        }

        return null;
    }

    private static VersionNumber? GlibcShorthand(string value)
    {
        var text = (value ?? string.Empty).Trim();
        if (text.StartsWith("GLIBC_", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring("GLIBC_".Length);
        }

        return VersionNumber.TryParse(text, out var version) ? version : null;
    }

    private static void AddLimit(VersionLimit? limit, string setting, string? file, List<EffectiveVersionLimit> limits, List<Finding> problems)
    {
        if (limit is null)
        {
            return;
        }

        var prefix = (limit.Prefix ?? string.Empty).Trim();
        if (prefix.Length == 0 || TextSearch.HasCharacter(prefix, ' '))
        {
            problems.Add(Problem(
                file,
                setting,
                $"{setting} has an empty or invalid prefix '{limit.Prefix}' (for version {limit.MaximumVersion}).",
                "Name the symbol version prefix: GLIBC, GLIBCXX, CXXABI or GCC."));
            return;
        }

        var text = (limit.MaximumVersion ?? string.Empty).Trim();
        if (text.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(prefix.Length + 1);
        }

        if (!VersionNumber.TryParse(text, out var version))
        {
            problems.Add(Problem(
                file,
                setting,
                $"{setting} for {prefix} has '{limit.MaximumVersion}', which is not a version.",
                $"Write it as numbers separated by dots, e.g. {ExampleVersion(prefix)}."));
            return;
        }

        limits.Add(new EffectiveVersionLimit(prefix.ToUpperInvariant(), version!, setting));
    }

    private static string ExampleVersion(string prefix) => prefix.ToUpperInvariant() switch
    {
        "GLIBCXX" => "3.4.22",
        "CXXABI" => "1.3.11",
        "GCC" => "7.0.0",
        _ => "2.28",
    };

    private static void AddLibraryRules(IReadOnlyList<LibraryRule> rules, string setting, string? file, List<SourcedRule> into, List<Finding> problems)
    {
        foreach (var rule in rules)
        {
            var pattern = (rule?.Pattern ?? string.Empty).Trim();
            if (InvalidLibraryPattern(pattern, setting) is { } problem)
            {
                problems.Add(Problem(file, setting, problem.Message, problem.Fix));
                continue;
            }

            into.Add(new SourcedRule(pattern, string.IsNullOrWhiteSpace(rule!.Reason) ? null : rule.Reason, setting));
        }
    }

    private static void AddIgnoreRules(IReadOnlyList<IgnoreRule> rules, string setting, string? file, List<SourcedRule> into, List<Finding> problems)
    {
        foreach (var rule in rules)
        {
            var pattern = (rule?.Pattern ?? string.Empty).Trim().Replace('\\', '/');
            if (pattern.Length == 0)
            {
                problems.Add(Problem(
                    file,
                    setting,
                    $"{setting} has an empty pattern.",
                    "Give the file's name or relative path (globs allowed, e.g. libcoreclrtraceptprovider.so or runtimes/**/*.so), or remove the rule."));
                continue;
            }

            into.Add(new SourcedRule(pattern, string.IsNullOrWhiteSpace(rule!.Reason) ? null : rule.Reason, setting));
        }
    }

    /// <summary>Two limits for one prefix: the lower one decides.</summary>
    private static List<EffectiveVersionLimit> Strictest(List<EffectiveVersionLimit> limits)
    {
        var result = new List<EffectiveVersionLimit>();
        foreach (var limit in limits)
        {
            var index = result.FindIndex(existing => string.Equals(existing.Prefix, limit.Prefix, StringComparison.Ordinal));
            if (index < 0)
            {
                result.Add(limit);
            }
            else if (limit.Maximum < result[index].Maximum)
            {
                result[index] = limit;
            }
        }

        return result;
    }

    private static Finding Problem(string? file, string setting, string message, string fix) =>
        new(DiagnosticCodes.InvalidConfiguration, FindingSeverity.Error, file, message, null, setting, new FindingFix(FixStep.Advice(fix.TrimEnd('.'))));
}
