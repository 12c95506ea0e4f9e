using StaticLink.Core.Baselines;
using StaticLink.Core.Targets;
using StaticLink.Core;
using System;
using System.CommandLine;
using System.IO;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink check</c>: the engine and report of the MSBuild task, on any directory or file. Text prints the
/// task's table, one <c>path: error SL1001: message</c> line per finding, and the totals; JSON prints the task's
/// JSON report, which <c>--report</c> also writes to a file.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(StandardStreams streams)
    {
        var command = new Command(
            "check",
            "Checks a publish directory (or one file) the way the target's loader would: NEEDED libraries the output does not reach and the target does not have, " +
            "libc flavour, symbol versions and musl symbols, ICU and OpenSSL. Exit code: 0 when there are no errors, 1 when there are, 2 when PATH cannot be read.");
        var selection = TargetSelection.AddTo(command);
        var rules = Options.NonEmpty("--rules", "FILE.json", "Allow/deny/ignore rules and version limits from a JSON file.");
        var maxGlibc = Options.NonEmpty("--max-glibc", "X.Y", "The newest glibc symbol version the output may need.");
        maxGlibc.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && token.Value.Trim().Length > 0 && !VersionNumber.TryParse(token.Value.Trim(), out _))
            {
                result.AddError($"--max-glibc '{token.Value}' is not a version such as 2.28");
            }
        });
        var format = Formats.Option(OutputFormat.Text, OutputFormat.Json, OutputFormat.Sarif, OutputFormat.Markdown);
        var report = Options.NonEmpty("--report", "FILE", "Also writes the JSON report to FILE.");
        var outputFile = Options.NonEmpty("--output", "FILE", "Writes the result (in --format) to FILE instead of standard output, e.g. -o staticlink.sarif.", "-o");
        var baseline = BaselineOptions.AddTo(command);
        var path = new Argument<string>("PATH") { Description = "The publish directory, or one file." };
        path.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value.Length: 0 }])
            {
                result.AddError("an empty PATH was given");
            }
        });
        command.Options.Add(rules);
        command.Options.Add(maxGlibc);
        command.Options.Add(format);
        command.Options.Add(report);
        command.Options.Add(outputFile);
        command.Arguments.Add(path);
        command.SetAction(parseResult => Run(
            new CheckArguments(
                parseResult.GetRequiredValue(selection.RuntimeIdentifier),
                parseResult.GetValue(selection.Targets) ?? [],
                parseResult.GetValue(selection.Framework),
                parseResult.GetValue(selection.Policy),
                parseResult.GetValue(rules),
                parseResult.GetValue(maxGlibc),
                parseResult.GetValue(format),
                parseResult.GetValue(report),
                parseResult.GetRequiredValue(path),
                parseResult.GetValue(outputFile),
                parseResult.GetValue(baseline.File),
                parseResult.GetValue(baseline.Update)),
            streams.Output,
            streams.Error));
        return command;
    }

    public static int Run(CheckArguments arguments, TextWriter output, TextWriter error)
    {
        var write = WriterFor(arguments.Format);

        if (Unreadable(arguments.Path) is { } reason)
        {
            error.WriteLine($"staticlink: cannot read {arguments.Path}: {reason}");
            return ExitCodes.Unreadable;
        }

        var report = BaselinedCheck.Run(new CheckOptions
        {
            Root = arguments.Path,
            RuntimeIdentifier = arguments.RuntimeIdentifier,
            PolicyName = arguments.Policy,
            Targets = arguments.Targets,
            SettingNames = CommandLineSettings.Names,
            TargetFramework = arguments.Framework,
            MaxGlibcVersion = arguments.MaxGlibc,
            RulesFile = arguments.Rules,
            BaselineFile = arguments.Baseline,
            UpdateBaseline = arguments.UpdateBaseline,
        });

        if (arguments.Report is { } reportPath)
        {
            try
            {
                JsonReport.WriteFile(report, reportPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"staticlink: cannot write the report {reportPath}: {exception.Message}");
                return ExitCodes.Unreadable;
            }
        }

        if (arguments.Output is { } outputPath)
        {
            try
            {
                WriteToFile(outputPath, writer => write(report, writer, arguments));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"staticlink: cannot write {outputPath}: {exception.Message}");
                return ExitCodes.Unreadable;
            }
        }
        else
        {
            write(report, output, arguments);
        }

        return report.HasErrors ? ExitCodes.Violations : ExitCodes.Success;
    }

    private static void WriteToFile(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        write(writer);
    }

    /// <summary>
    /// The one place each --format of check maps to its writer. A format accepted on the command line whose writer is
    /// not here yet is null, and check refuses it before reading anything.
    /// </summary>
    /// <summary>The one place a format maps to its writer; the parser only lets through formats that have one.</summary>
    private static Action<CheckReport, TextWriter, CheckArguments> WriterFor(OutputFormat format) => format switch
    {
        OutputFormat.Text => (report, output, _) => WriteText(report, output),
        OutputFormat.Json => (report, output, _) => JsonReport.Write(report, output),
        OutputFormat.Sarif => (report, output, arguments) => output.Write(SarifReport.ToSarif(report, SarifOptionsFor(arguments))),
        OutputFormat.Markdown => (report, output, _) => MarkdownReport.Write(report, output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no writer for this format"),
    };

    /// <summary>
    /// Locations relative to the CI job's checkout when there is one (else to PATH), help links to the pages installed
    /// beside the tool when it ships them, and configuration findings at the rules file.
    /// </summary>
    private static SarifOptions SarifOptionsFor(CheckArguments arguments)
    {
        var docs = Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics");
        return new SarifOptions
        {
            BaseDirectory = SarifOptions.RepositoryRootFromEnvironment(),
            HelpBase = Directory.Exists(docs) ? docs : null,
            ConfigurationFile = arguments.Rules,
        };
    }

    /// <summary>The findings in the shape compilers use, between the table and its totals line.</summary>
    private static void WriteText(CheckReport report, TextWriter output)
    {
        var lines = TextSummary.Lines(report);
        for (var i = 0; i < lines.Count - 1; i++)
        {
            output.WriteLine(lines[i]);
        }

        foreach (var finding in FindingGroups.Collapse(report.Findings))
        {
            output.WriteLine(FindingLine(finding, report.Root));
        }

        output.WriteLine(lines[lines.Count - 1]);
        output.WriteLine(TextSummary.VerdictLine(report));
    }

    /// <summary><c>path: error SL1001: message</c>; a finding about no file (the configuration) names the root.</summary>
    public static string FindingLine(Finding finding, string root) =>
        $"{finding.File ?? root}: {JsonReport.SeverityName(finding.Severity)} {finding.Code}: {FixText.MessageWithFix(finding)}";

    // A root that is missing or cannot be listed is not a finding about the output: nothing was checked.
    private static string? Unreadable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return null;
            }

            if (!Directory.Exists(path))
            {
                return "no such file or directory";
            }

            using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return exception.Message;
        }
    }
}
