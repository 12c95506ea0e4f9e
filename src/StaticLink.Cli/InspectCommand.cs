using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Reporting;

namespace StaticLink.Cli;

/// <summary><c>staticlink inspect</c>: the reader's facts for every file, written as each file is read.</summary>
internal static class InspectCommand
{
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
