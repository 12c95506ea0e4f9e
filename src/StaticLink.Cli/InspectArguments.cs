using System.Collections.Generic;

namespace StaticLink.Cli;

/// <summary><c>staticlink inspect [--format text|json] [--files-from LIST] PATH...</c></summary>
internal sealed record InspectArguments(OutputFormat Format, string? FilesFrom, IReadOnlyList<string> Paths, bool Stats, bool Help)
{
    private static readonly string[] ValueOptions = ["--format", "--files-from"];

    // --stats is for the benchmark: files/s, MB/s and peak memory on stderr. It is not in the usage text.
    private static readonly string[] FlagOptions = ["--help", "--stats"];

    public static InspectArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.HasFlag("--help"))
        {
            return new InspectArguments(OutputFormat.Text, null, [], false, true);
        }

        var format = Formats.Parse(parsed.Value("--format"));
        var filesFrom = parsed.Value("--files-from");
        if (filesFrom is { Length: 0 })
        {
            throw new UsageException("--files-from needs a file name, or - for standard input");
        }

        if (parsed.Operands.Count == 0 && filesFrom is null)
        {
            throw new UsageException("inspect needs at least one PATH, or --files-from LIST");
        }

        foreach (var path in parsed.Operands)
        {
            if (path.Length == 0)
            {
                throw new UsageException("an empty PATH was given");
            }
        }

        return new InspectArguments(format, filesFrom, parsed.Operands, parsed.HasFlag("--stats"), false);
    }
}
