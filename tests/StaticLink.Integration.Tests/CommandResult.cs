using System;

namespace StaticLink.Integration.Tests;

/// <summary>What a dotnet command did: its exit code, everything it printed, and how long it took.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() => $"{CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{Output}";
}
