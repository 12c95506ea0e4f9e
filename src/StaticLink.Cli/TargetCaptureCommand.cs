using StaticLink.Core;
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets;

namespace StaticLink.Cli;

/// <summary><c>staticlink target capture</c>: a root filesystem or image archive, written as a target file.</summary>
internal static class TargetCaptureCommand
{
    private static readonly Dictionary<string, TargetKind> Kinds = new(StringComparer.Ordinal)
    {
        ["image"] = TargetKind.Image,
        ["distribution"] = TargetKind.Distribution,
        ["root-filesystem"] = TargetKind.RootFilesystem,
    };

    public static Command Create(StandardStreams streams)
    {
        var input = new Argument<string>("ROOT|IMAGE.tar") { Description = "An unpacked root filesystem, or a docker save / OCI layout tar." };
        var output = Options.NonEmpty("-o", "FILE", "Writes the target file to FILE instead of standard output.", "--output");
        var id = Options.NonEmpty("--id", "ID", "The target's id (default: the ROOT's or IMAGE's file name).");
        var kind = new Option<string>("--kind")
        {
            Description = "What the target is (default: root-filesystem for a directory, image for a tar).",
            HelpName = string.Join('|', Kinds.Keys),
        };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var title = new Option<string>("--title") { Description = "A title for people.", HelpName = "TITLE" };
        var source = new Option<string>("--source") { Description = "Where the root came from.", HelpName = "SOURCE" };
        var architecture = Options.NonEmpty("--arch", "RID-ARCH", "The RID architecture (x64, arm64, ...; default: read from the root).");
        architecture.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && token.Value.Length > 0 && TargetArchitecture.FromRidName(token.Value) is null)
            {
                result.AddError($"--arch '{token.Value}' is not a RID architecture (x64, arm64, arm, x86, ...)");
            }
        });
        var aliases = new Option<string[]>("--alias") { Description = "Another name for the target; repeatable.", HelpName = "NAME", Arity = ArgumentArity.OneOrMore };
        var environment = new Option<string[]>("--env") { Description = "A variable the image sets; repeatable.", HelpName = "NAME=VALUE", Arity = ArgumentArity.OneOrMore };
        environment.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--env takes NAME=VALUE, not '{token.Value}'");
                }
            }
        });

        var command = new Command(
            "capture",
            "Reads a root filesystem (or a docker-save / OCI image tar) the way its dynamic loader would, and writes a target file (docs/target-file.md) " +
            "to FILE or standard output. Exit code: 0 when written, 2 when the root or image cannot be read.")
        {
            input,
            output,
            id,
            kind,
            title,
            source,
            architecture,
            aliases,
            environment,
        };
        command.SetAction(parseResult => Run(
            new TargetCaptureArguments(
                parseResult.GetRequiredValue(input),
                parseResult.GetValue(output),
                parseResult.GetValue(id),
                parseResult.GetValue(kind) is { } kindName ? Kinds[kindName] : null,
                parseResult.GetValue(title),
                parseResult.GetValue(source),
                parseResult.GetValue(architecture),
                parseResult.GetValue(aliases) ?? [],
                Array.ConvertAll(parseResult.GetValue(environment) ?? [], SplitVariable)),
            streams.Output,
            streams.Error));
        return command;
    }

    public static int Run(TargetCaptureArguments arguments, TextWriter output, TextWriter error)
    {
        var isDirectory = Directory.Exists(arguments.Input);
        var id = arguments.Id ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(arguments.Input)));
        var kind = arguments.Kind ?? (isDirectory ? TargetKind.RootFilesystem : TargetKind.Image);
        TargetCaptureResult captured;
        try
        {
            captured = isDirectory
                ? TargetCapture.CaptureWithNotes(arguments.Input, id, kind, arguments.ArchitectureName)
                : TargetCapture.CaptureImage(arguments.Input, id, kind, arguments.ArchitectureName);
        }
        catch (TargetCaptureException exception)
        {
            error.WriteLine("staticlink: " + exception.Message);
            return ExitCodes.Unreadable;
        }

        foreach (var note in captured.Notes)
        {
            error.WriteLine("staticlink: " + note);
        }

        foreach (var skipped in captured.SkippedFiles)
        {
            error.WriteLine("staticlink: skipped " + skipped);
        }

        var target = WithArguments(captured.Target, arguments);
        if (arguments.OutputPath is null)
        {
            TargetFile.Write(target, output);
            return ExitCodes.Success;
        }

        try
        {
            using var file = new StreamWriter(arguments.OutputPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            TargetFile.Write(target, file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"staticlink: cannot write {arguments.OutputPath}: {exception.Message}");
            return ExitCodes.Unreadable;
        }

        return ExitCodes.Success;
    }

    /// <summary>The capture with what the command line adds: title, source, aliases, and environment on top of the image's.</summary>
    private static TargetDescription WithArguments(TargetDescription captured, TargetCaptureArguments arguments)
    {
        var environment = new Dictionary<string, string>(captured.Environment, StringComparer.Ordinal);
        foreach (var pair in arguments.Environment)
        {
            environment[pair.Key] = pair.Value;
        }

        return new TargetDescription(captured.Id, captured.Kind, captured.ArchitectureName, captured.Libc, captured.LibcVersion, captured.Libraries)
        {
            Aliases = arguments.Aliases,
            Title = arguments.Title ?? captured.Title,
            Source = arguments.Source ?? captured.Source,
            LibcSymbols = captured.LibcSymbols,
            Environment = environment,
        };
    }

    private static KeyValuePair<string, string> SplitVariable(string variable)
    {
        var split = variable.IndexOf('=', StringComparison.Ordinal);
        return new KeyValuePair<string, string>(variable[..split], variable[(split + 1)..]);
    }
}
