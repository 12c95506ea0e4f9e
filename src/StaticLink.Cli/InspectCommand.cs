using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Reporting;

namespace StaticLink.Cli;

/// <summary><c>staticlink inspect</c>: the reader's facts for every file, written as each file is read.</summary>
internal static class InspectCommand
{
    public static Command Create(StandardStreams streams)
    {
        var format = Formats.Option(OutputFormat.Text, OutputFormat.Json);
        var filesFrom = new Option<string>("--files-from")
        {
            Description = "Reads one path per line from LIST (- for standard input), after the PATHs given.",
            HelpName = "LIST",
        };
        filesFrom.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value.Length: 0 }])
            {
                result.AddError("--files-from needs a file name, or - for standard input");
            }
        });
        var stats = new Option<bool>("--stats")
        {
            Description = "Prints files/s, MB/s and peak memory on standard error when done (for the benchmark).",
        };
        // The default makes the parser validate PATH even when none is given, after the options, so that a mistake
        // in an option is reported as itself rather than hidden behind "needs a PATH".
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files to read, or directories to read every file under.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => [],
        };
        paths.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 && result.Parent?.GetResult(filesFrom) is null)
            {
                result.AddError("inspect needs at least one PATH, or --files-from LIST");
            }

            foreach (var token in result.Tokens)
            {
                if (token.Value.Length == 0)
                {
                    result.AddError("an empty PATH was given");
                    return;
                }
            }
        });

        var command = new Command(
            "inspect",
            "Reads every file given, or found under a given directory, and shows its ELF facts: class, byte order, machine, type, interpreter, " +
            "NEEDED, SONAME, RPATH/RUNPATH, version needs, linkage, libc and hardening. Exit code: 0 when every file was read, 2 when some could not be.")
        {
            format,
            filesFrom,
            stats,
            paths,
        };
        command.SetAction(parseResult => Run(
            new InspectArguments(parseResult.GetValue(format), parseResult.GetValue(filesFrom), parseResult.GetValue(paths) ?? [], parseResult.GetValue(stats)),
            streams.Input,
            streams.Output,
            streams.Error));
        return command;
    }

    public static int Run(InspectArguments arguments, TextReader input, TextWriter output, TextWriter error)
    {
        TextReader? list = null;
        if (arguments.FilesFrom is { } listPath && listPath != "-")
        {
            try
            {
                list = new StreamReader(listPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                error.WriteLine($"staticlink: cannot read the file list {listPath}: {exception.Message}");
                return ExitCodes.Unreadable;
            }
        }

        using (list)
        {
            var paths = new List<string>(arguments.Paths);
            IEnumerable<string> named = paths;
            if (arguments.FilesFrom is not null)
            {
                named = paths.Concat(InputPaths.ReadList(list ?? input));
            }

            return Inspect(named, arguments, output, error);
        }
    }

    private static int Inspect(IEnumerable<string> named, InspectArguments arguments, TextWriter output, TextWriter error)
    {
        InspectWriter writer = arguments.Format == OutputFormat.Json ? new InspectJsonWriter(output) : new InspectTextWriter(output);
        var statistics = arguments.Stats ? InspectStatistics.Start() : null;
        var unreadable = false;
        writer.StartDocument();
        foreach (var inspection in InputPaths.Inspect(named, ElfReadOptions.Summary))
        {
            Report(inspection);
        }

        writer.EndDocument();
        output.Flush();
        statistics?.Report(error);
        return unreadable ? ExitCodes.Unreadable : ExitCodes.Success;

        void Report(ElfInspection inspection)
        {
            unreadable |= inspection.Kind == ElfInspectionKind.Error;
            statistics?.Count(inspection);
            writer.Write(inspection);
        }
    }
}
