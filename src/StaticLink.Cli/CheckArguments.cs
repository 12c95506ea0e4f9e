using System.Collections.Generic;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink check --rid RID [--target T]... [--framework TFM] [--policy NAME] [--rules FILE.json] [--max-glibc X.Y]
/// [--format text|json] [--report FILE] PATH</c>
/// </summary>
internal sealed record CheckArguments(
    string RuntimeIdentifier,
    IReadOnlyList<string> Targets,
    string? Framework,
    string? Policy,
    string? Rules,
    string? MaxGlibc,
    OutputFormat Format,
    string? Report,
    string Path,
    bool Help)
{
    private static readonly string[] ValueOptions = ["--rid", "--target", "--framework", "--policy", "--rules", "--max-glibc", "--format", "--report"];
    private static readonly string[] RepeatableOptions = ["--target"];
    private static readonly string[] FlagOptions = ["--help"];

    public static CheckArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, FlagOptions, RepeatableOptions);
        if (parsed.HasFlag("--help"))
        {
            return new CheckArguments(string.Empty, [], null, null, null, null, OutputFormat.Text, null, string.Empty, true);
        }

        foreach (var target in parsed.Values("--target"))
        {
            if (target.Trim().Length == 0)
            {
                throw new UsageException("option --target needs a non-empty value");
            }
        }

        var format = Formats.Parse(parsed.Value("--format"));
        var rid = parsed.Value("--rid");
        if (string.IsNullOrWhiteSpace(rid))
        {
            throw new UsageException("check needs --rid RID, e.g. --rid linux-musl-x64");
        }

        foreach (var name in ValueOptions)
        {
            if (parsed.Value(name) is { Length: 0 })
            {
                throw new UsageException($"option {name} needs a non-empty value");
            }
        }

        if (parsed.Operands.Count != 1)
        {
            throw new UsageException(parsed.Operands.Count == 0
                ? "check needs the PATH of a publish directory or file"
                : "check takes exactly one PATH");
        }

        return new CheckArguments(
            rid,
            parsed.Values("--target"),
            parsed.Value("--framework"),
            parsed.Value("--policy"),
            parsed.Value("--rules"),
            parsed.Value("--max-glibc"),
            format,
            parsed.Value("--report"),
            parsed.Operands[0],
            false);
    }
}
