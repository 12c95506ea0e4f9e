using System.Collections.Generic;
using StaticLink.Core.Bundles;

namespace StaticLink.Core.Scanning;

/// <summary>What <see cref="BundleScanner"/> found in one host: the manifest and embedded files, or why it could not read them.</summary>
internal sealed class BundleScan
{
    public BundleManifest? Manifest { get; init; }

    public string? Error { get; init; }

    public long? ErrorOffset { get; init; }

    public List<ScannedFile> Files { get; } = [];

    public List<ScannedAssembly> Assemblies { get; } = [];

    public int UnsearchedCompressedAssemblies { get; set; }
}
