namespace StaticLink.Cli;

internal enum OutputFormat
{
    Text,
    Json,
}
