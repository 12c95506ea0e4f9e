namespace StaticLink.Cli;

/// <summary>The values of --format; each command says which of them it writes (<see cref="Formats.Option"/>).</summary>
internal enum OutputFormat
{
    Text,
    Json,
    Sarif,
    Markdown,
}
