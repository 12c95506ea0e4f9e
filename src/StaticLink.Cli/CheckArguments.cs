using System.Collections.Generic;

namespace StaticLink.Cli;

/// <summary>What <c>staticlink check</c> was given, parsed and validated (<see cref="CheckCommand.Create"/>).</summary>
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
    string? Output = null,
    string? Baseline = null,
    bool UpdateBaseline = false);
