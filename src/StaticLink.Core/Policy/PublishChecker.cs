using System;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// The engine's front door: scan a directory, resolve NEEDED inside it, apply the policy, return the findings.
/// Never throws for bad files or bad configuration: those become findings (SL1010, SL1007).
/// </summary>
public static class PublishChecker
{
    public static CheckReport Check(CheckOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var rules = RuleSetBuilder.Build(options);
        if (rules.CannotCheck)
        {
            return new CheckReport
            {
                Root = options.Root ?? string.Empty,
                RuntimeIdentifier = rules.Target.RuntimeIdentifier,
                PolicyName = rules.Policy.Name,
                Findings = rules.Problems,
            };
        }

        var readOptions = rules.VersionLimits.Count > 0 ? ElfReadOptions.Default : ElfReadOptions.Summary;
        var scan = new OutputScanner(readOptions).Scan(options.Root, options.Files);
        return new PolicyEvaluator(rules).Evaluate(scan);
    }
}
