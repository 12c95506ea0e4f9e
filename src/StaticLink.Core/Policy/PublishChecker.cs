using System;
using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// The engine's front door: scan a directory once, learn where its files came from, judge it against every target
/// (all must pass), return one report. Never throws for bad files or bad configuration: those become findings
/// (SL1010, SL1007).
/// </summary>
public static class PublishChecker
{
    public static CheckReport Check(CheckOptions options) => Check(options, []);

    /// <summary>
    /// The check, stopped before the scan when <paramref name="inputProblems"/> is not empty: a layer above this one
    /// (a baseline file) found its own input broken, which stops the check as a bad setting does (SL1007).
    /// </summary>
    public static CheckReport Check(CheckOptions options, IReadOnlyList<Finding> inputProblems)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (inputProblems is null)
        {
            throw new ArgumentNullException(nameof(inputProblems));
        }

        var rules = RuleSetBuilder.Build(options);
        if (rules.CannotCheck || inputProblems.Count > 0)
        {
            return new CheckReport
            {
                Root = options.Root ?? string.Empty,
                RuntimeIdentifier = rules.Rid.RuntimeIdentifier,
                PolicyName = string.Empty,
                Findings = [.. rules.Problems, .. inputProblems],
            };
        }

        // musl binds by name: its verdicts need every undefined symbol, and the bundled libraries' exports.
        var needsSymbols = rules.Targets.Any(target => target.Description.Libc == LibcFlavor.Musl) || rules.Rid.Libc == LibcFlavor.Musl;
        var scan = new OutputScanner(needsSymbols ? ElfReadOptions.WithSymbols : ElfReadOptions.Default).Scan(options.Root, options.Listing);
        rules.FileOrigins = FileOrigins.Complete(options.FileOrigins, scan);

        var findings = new List<Finding>(rules.Problems);
        if (scan.RootError is not null)
        {
            var fix = new FindingFix(FixStep.Advice("Check the path: it should be the publish directory (or a file of it)"));
            findings.Add(new Finding(
                DiagnosticCodes.InvalidConfiguration,
                FindingSeverity.Error,
                null,
                $"The output to check, '{scan.Root}', cannot be scanned: {scan.RootError}.",
                null,
                "Root",
                fix));
        }

        CheckReport? first = null;
        var ids = new List<string>();
        var targets = new List<TargetReport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in rules.Targets)
        {
            var report = new PolicyEvaluator(rules, target).Evaluate(scan);
            ids.Add(target.Description.Id);
            targets.AddRange(report.Targets);
            foreach (var finding in report.Findings)
            {
                // What does not depend on the target (an unreadable file, the architecture) is said once.
                if (seen.Add(finding.Code + "\n" + finding.File + "\n" + finding.Message))
                {
                    findings.Add(finding);
                }
            }

            if (first is null)
            {
                first = report;
                continue;
            }

            for (var index = 0; index < first.Files.Count && index < report.Files.Count; index++)
            {
                if (Rank(report.Files[index].Verdict) > Rank(first.Files[index].Verdict))
                {
                    first.Files[index].Verdict = report.Files[index].Verdict;
                }
            }
        }

        return new CheckReport
        {
            Root = scan.Root,
            RuntimeIdentifier = rules.Rid.RuntimeIdentifier,
            PolicyName = string.Join(", ", ids),
            Files = first!.Files,
            Findings = findings,
            ExaminedFileCount = scan.ExaminedFileCount,
            PInvokeTargets = first.PInvokeTargets,
            Targets = targets,
        };
    }

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Fail => 3,
        Verdict.Warn => 2,
        Verdict.Pass => 1,
        _ => 0,
    };
}
