using System;
using System.Linq;

namespace StaticLink.Tests.Shared;

/// <summary>What a dotnet command did: its exit code, everything it printed, and how long it took.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code and its output, with the compiler's very long command lines shortened.</summary>
    public override string ToString() =>
        $"{CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n"
        + string.Join("\n", Output.Split('\n').Select(line => line.Length > 400 ? line[..400] + " ..." : line));
}
