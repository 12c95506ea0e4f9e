namespace StaticLink.Cli;

/// <summary>A path to inspect, or a place that could not be listed (an unreadable directory) with the reason.</summary>
internal readonly record struct InputFile(string Path, string? Error);
