using System.Collections.Generic;

namespace StaticLink.Core.Bundles;

/// <summary>The header and file list of a .NET single-file bundle.</summary>
public sealed class BundleManifest
{
    /// <summary>Where the bundle header starts in the host file (the offset stored before the signature).</summary>
    public required long HeaderOffset { get; init; }

    /// <summary>Where the marker (header offset, then signature) was found.</summary>
    public required long MarkerOffset { get; init; }

    /// <summary>1 for .NET Core 3.x, 2 for .NET 5, 6 for .NET 6 and later.</summary>
    public required uint MajorVersion { get; init; }

    public required uint MinorVersion { get; init; }

    /// <summary>Names the extraction directory.</summary>
    public required string BundleId { get; init; }

    /// <summary>Version 2 and later: where deps.json is; null when absent or before version 2.</summary>
    public BundleLocation? DepsJson { get; init; }

    /// <summary>Version 2 and later: where runtimeconfig.json is; null when absent or before version 2.</summary>
    public BundleLocation? RuntimeConfigJson { get; init; }

    /// <summary>Header flags; bit 0 is the .NET Core 3.x compatibility mode (extract everything).</summary>
    public ulong Flags { get; init; }

    public IReadOnlyList<BundleEntry> Entries { get; init; } = [];
}
