namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>A NuGet package at an exact version (one the package source serves: a missing one floats up silently).</summary>
internal sealed record NuGetPackage(string Id, string Version)
{
    public override string ToString() => Id + " " + Version;
}
