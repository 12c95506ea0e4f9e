using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace StaticLink.Integration.Tests;

/// <summary>One "FILE : error CODE: message [project]" line of MSBuild's console output.</summary>
internal sealed partial record MSBuildDiagnostic(string File, string Kind, string Code, string Message)
{
    /// <summary>Every distinct StaticLink diagnostic in the output (the console logger repeats them in its summary).</summary>
    public static IReadOnlyList<MSBuildDiagnostic> Parse(string output) =>
        ParseAll(output).Where(diagnostic => diagnostic.Kind != "message").ToList();

    /// <summary>Also the information findings, which MSBuild prints at normal verbosity as "FILE : message CODE: ...".</summary>
    public static IReadOnlyList<MSBuildDiagnostic> ParseAll(string output) =>
        output.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new MSBuildDiagnostic(
                match.Groups["file"].Value.Trim(),
                match.Groups["kind"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^\s*(\d+>)?(?<file>.*?)\s*:\s*(?<kind>error|warning|message)\s+(?<code>SL\d{4})\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?$")]
    private static partial Regex DiagnosticLine();
}
