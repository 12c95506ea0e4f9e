using System;
using System.IO;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The .NET tool StaticLink.Cli, packed into the run's feed (<see cref="PackageFeed"/>) with the run's version, the
/// first time a test asks and never again, by build/pack-tool.sh, the script build/pack.sh ships it with. Packing it
/// is minutes of ReadyToRun and NativeAOT compiling that only the tool's tests need, so it is not part of the feed's
/// one-time set-up.
/// </summary>
internal static class ToolPackage
{
    /// <summary>The pointer package and its RID packages, as build/pack.sh writes them.</summary>
    public static readonly string[] PackageIds = ["StaticLink.Cli", "StaticLink.Cli.linux-x64", "StaticLink.Cli.linux-arm64", "StaticLink.Cli.linux-musl-x64", "StaticLink.Cli.any"];

    private static readonly Lazy<ProcessResult> Packed = new(Pack);

    /// <summary>Packs the tool once; a failed pack fails every test that needs it, with the pack's output.</summary>
    public static void EnsurePacked()
    {
        var result = Packed.Value;
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        foreach (var id in PackageIds)
        {
            Assert.That(File.Exists(Path.Combine(PackageFeed.FeedDirectory, $"{id}.{PackageFeed.Version}.nupkg")), Is.True, id + "\n" + result.Describe());
        }
    }

    private static ProcessResult Pack() => ExternalTool.Run(
        Path.Combine(RepositoryLayout.Root, "build", "pack-tool.sh"),
        [PackageFeed.Version, PackageFeed.FeedDirectory],
        RepositoryLayout.Root,
        TimeSpan.FromMinutes(15));
}
