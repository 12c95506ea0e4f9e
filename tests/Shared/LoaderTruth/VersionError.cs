namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>glibc's "version `GLIBC_2.38' not found (required by ...)": which library lacked which version, for whom.</summary>
internal sealed record VersionError(string Library, string Version, string RequiredBy)
{
    public override string ToString() => $"{Library}: {Version} (required by {RequiredBy})";
}
