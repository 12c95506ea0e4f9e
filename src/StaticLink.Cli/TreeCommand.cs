using System.CommandLine;
using System.IO;
using System.Text;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink tree PATH [--rid RID] [--target T] [--why LIBRARY] [--format text|json]</c>: the lddtree view, each
/// root file of the output and how each NEEDED resolves on the target (bundled, from the target, missing,
/// unreachable); with --why, the chains that bring one library in.
/// </summary>
internal static class TreeCommand
{
    public static Command Create(StandardStreams streams)
    {
        var command = new Command(
            "tree",
            "Shows each root file of the output and, recursively, how each NEEDED library resolves on the target: bundled at a path, from the target, missing, " +
            "or unreachable (in the output, but no run path reaches it). Exit code: 0, 1 when the configuration is invalid, 2 when PATH cannot be read.");
        var rid = Options.NonEmpty("--rid", "RID", "The runtime identifier (default: linux-[musl-]ARCH from the output's own files).");
        var targets = new Option<string[]>("--target")
        {
            Description = "A built-in target, target file or root filesystem; repeatable, one tree each. Without it: .NET's floor.",
            HelpName = "TARGET",
            Arity = ArgumentArity.OneOrMore,
        };
        var framework = Options.NonEmpty("--framework", "TFM", "The target framework whose floor applies when no --target is named.");
        var why = Options.NonEmpty("--why", "LIBRARY", "Which files bring LIBRARY in, and by which chain of NEEDED entries.");
        var format = Formats.Option(OutputFormat.Text, OutputFormat.Json);
        var path = new Argument<string>("PATH") { Description = "The publish directory, or one file." };
        command.Options.Add(rid);
        command.Options.Add(targets);
        command.Options.Add(framework);
        command.Options.Add(why);
        command.Options.Add(format);
        command.Arguments.Add(path);
        command.Validators.Add(result =>
        {
            if (result.GetResult(why) is not null && result.GetResult(format) is { Tokens: [{ Value: not "text" }] })
            {
                result.AddError("--why writes text only; leave out --format");
            }
        });
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(path),
            parseResult.GetValue(rid),
            parseResult.GetValue(targets) ?? [],
            parseResult.GetValue(framework),
            parseResult.GetValue(why),
            parseResult.GetValue(format),
            streams));
        return command;
    }

    private static int Run(string root, string? rid, string[] targets, string? framework, string? why, OutputFormat format, StandardStreams streams)
    {
        if (!File.Exists(root) && !Directory.Exists(root))
        {
            streams.Error.WriteLine($"{StaticLinkCommand.Name}: cannot read {root}: no such file or directory");
            return ExitCodes.Unreadable;
        }

        var report = DependencyTreeReport.Build(root, rid, targets, framework, CommandLineSettings.Names);
        foreach (var problem in report.Problems)
        {
            streams.Error.WriteLine(CheckCommand.FindingLine(problem, report.Root));
        }

        if (why is not null)
        {
            DependencyTreeText.WriteWhy(report, why, streams.Output);
        }
        else if (format == OutputFormat.Json)
        {
            using var buffer = new MemoryStream();
            DependencyTreeJson.Write(report, buffer);
            streams.Output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            DependencyTreeText.Write(report, streams.Output);
        }

        return report.Problems.Count > 0 ? ExitCodes.Violations : ExitCodes.Success;
    }
}
