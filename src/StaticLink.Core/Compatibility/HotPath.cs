using System.Runtime.CompilerServices;

namespace StaticLink.Core.Compatibility;

/// <summary>
/// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name (its value is 512). The gate runs once
/// per publish in a fresh process, where byte loops would otherwise run as unoptimised tier-0 code for the whole scan.
/// </summary>
internal static class HotPath
{
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
