using StaticLink.Core.Loading;

namespace StaticLink.Core.Reporting;

/// <summary>How the people-facing views name a <see cref="NeededResolutionKind"/>: bundled, target, musl, unreachable, missing.</summary>
public static class NeededKindNames
{
    public static string Of(NeededResolutionKind kind) => kind switch
    {
        NeededResolutionKind.Output => "bundled",
        NeededResolutionKind.Target => "target",
        NeededResolutionKind.MuslReserved => "musl",
        NeededResolutionKind.Unreachable => "unreachable",
        NeededResolutionKind.Missing => "missing",
        _ => kind.ToString(),
    };
}
