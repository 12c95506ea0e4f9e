namespace StaticLink.Cli;

internal static class Formats
{
    /// <summary>Reads --format; absent means text.</summary>
    public static OutputFormat Parse(string? value) => value switch
    {
        null or "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => throw new UsageException($"--format must be text or json, not '{value}'"),
    };
}
