using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets;

namespace StaticLink.Cli;

/// <summary><c>staticlink target capture</c>: a root filesystem or image archive, written as a target file.</summary>
internal static class TargetCommand
{
    public static int Run(TargetArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments.ArchitectureName is { } architecture && TargetArchitecture.FromRidName(architecture) is null)
        {
            throw new UsageException($"--arch '{architecture}' is not a RID architecture (x64, arm64, arm, x86, ...)");
        }

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
    private static TargetDescription WithArguments(TargetDescription captured, TargetArguments arguments)
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
}
