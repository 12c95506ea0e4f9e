using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using StaticLink.Core.Baselines;
using StaticLink.Core.Policy;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink baseline --rid RID [--target T] PATH -o FILE</c>: runs the check and records what the output needs
/// today (docs/baseline.md), for <c>check --baseline</c> and StaticLinkBaselineFile. The findings do not fail it; a
/// configuration that cannot be checked (SL1007) does.
/// </summary>
internal static class BaselineCommand
{
    private const string DefaultFile = "staticlink.baseline.json";

    public static Command Create(StandardStreams streams)
    {
        var command = new Command(
            "baseline",
            "Records what a publish output needs today (per file: libraries from the target, version floors, the identities of its findings) into a baseline file. " +
            "Exit code: 0 when written, 1 when the configuration is invalid, 2 when PATH cannot be read or FILE written.");
        var selection = TargetSelection.AddTo(command);
        var rules = Options.NonEmpty("--rules", "FILE.json", "Allow/deny/ignore rules and version limits from a JSON file.");
        var output = Options.NonEmpty("--output", "FILE", "Where to write the baseline (default: " + DefaultFile + ").", "-o");
        var path = new Argument<string>("PATH") { Description = "The publish directory, or one file." };
        command.Options.Add(rules);
        command.Options.Add(output);
        command.Arguments.Add(path);
        command.SetAction(parseResult => Run(
            new CheckOptions
            {
                Root = parseResult.GetRequiredValue(path),
                RuntimeIdentifier = parseResult.GetRequiredValue(selection.RuntimeIdentifier),
                PolicyName = parseResult.GetValue(selection.Policy),
                Targets = parseResult.GetValue(selection.Targets) ?? [],
                SettingNames = CommandLineSettings.Names,
                TargetFramework = parseResult.GetValue(selection.Framework),
                RulesFile = parseResult.GetValue(rules),
            },
            parseResult.GetValue(output) ?? DefaultFile,
            streams));
        return command;
    }

    private static int Run(CheckOptions options, string file, StandardStreams streams)
    {
        if (!File.Exists(options.Root) && !Directory.Exists(options.Root))
        {
            streams.Error.WriteLine($"{StaticLinkCommand.Name}: cannot read {options.Root}: no such file or directory");
            return ExitCodes.Unreadable;
        }

        var report = PublishChecker.Check(options);
        var problems = report.Findings.Where(finding => finding.Code == DiagnosticCodes.InvalidConfiguration && finding.Severity == FindingSeverity.Error).ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                streams.Error.WriteLine(CheckCommand.FindingLine(problem, report.Root));
            }

            return ExitCodes.Violations;
        }

        var baseline = Baseline.Record(report);
        try
        {
            BaselineJson.WriteFile(baseline, file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            streams.Error.WriteLine($"{StaticLinkCommand.Name}: cannot write the baseline {file}: {exception.Message}");
            return ExitCodes.Unreadable;
        }

        streams.Output.WriteLine($"{StaticLinkCommand.Name}: wrote {file}: {baseline.Files.Count} file{(baseline.Files.Count == 1 ? string.Empty : "s")}, {baseline.Findings.Count} accepted finding{(baseline.Findings.Count == 1 ? string.Empty : "s")}.");
        return ExitCodes.Success;
    }
}
