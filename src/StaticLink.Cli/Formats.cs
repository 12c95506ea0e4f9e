using System;
using System.CommandLine;

namespace StaticLink.Cli;

/// <summary>The --format option: its spelling on the command line and the choices a command accepts.</summary>
internal static class Formats
{
    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.Text => "text",
        OutputFormat.Json => "json",
        OutputFormat.Sarif => "sarif",
        OutputFormat.Markdown => "markdown",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>--format, accepting only <paramref name="accepted"/> (checked at parse time, offered as completions); absent means text.</summary>
    public static Option<OutputFormat> Option(params OutputFormat[] accepted)
    {
        var names = Array.ConvertAll(accepted, Name);
        var option = new Option<OutputFormat>("--format")
        {
            Description = "How the result is written (default: text).",
            HelpName = string.Join('|', names),
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }
}
