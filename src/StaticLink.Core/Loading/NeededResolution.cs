using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Loading;

/// <summary>One NEEDED entry and where the loader finds it.</summary>
/// <param name="Library">The NEEDED name.</param>
/// <param name="Kind">Output, target, musl itself, unreachable or missing.</param>
/// <param name="OutputFile">The file of the output that provides it (Output, and Unreachable: the file the loader does not reach).</param>
/// <param name="TargetLibrary">The target's library (Target).</param>
public sealed record NeededResolution(string Library, NeededResolutionKind Kind, ScannedFile? OutputFile = null, TargetLibrary? TargetLibrary = null)
{
    public bool IsFound => Kind is NeededResolutionKind.Output or NeededResolutionKind.Target or NeededResolutionKind.MuslReserved;
}
