using System.Collections.Generic;
using StaticLink.Core.Targets;

namespace StaticLink.Cli;

/// <summary>What <c>staticlink target capture</c> was given, parsed and validated (<see cref="TargetCaptureCommand.Create"/>).</summary>
/// <param name="Input">A root filesystem directory, or a docker-save / OCI layout tar.</param>
/// <param name="Environment">Variables the image sets, for a root built from packages that stands for an image (--env NAME=VALUE).</param>
internal sealed record TargetCaptureArguments(
    string Input,
    string? OutputPath,
    string? Id,
    TargetKind? Kind,
    string? Title,
    string? Source,
    string? ArchitectureName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<KeyValuePair<string, string>> Environment);
