using System.Collections.Generic;
using StaticLink.Core.Managed;

namespace StaticLink.Core.Scanning;

/// <summary>A .NET assembly of the output and the native libraries it calls with P/Invoke.</summary>
public sealed class ScannedAssembly
{
    /// <summary>Path relative to the scanned root, '/'-separated; "host!/name.dll" inside a single-file bundle.</summary>
    public required string RelativePath { get; init; }

    public required string FullPath { get; init; }

    /// <summary>The single-file bundle host holding it, or null for a file of the output itself.</summary>
    public string? Container { get; init; }

    public IReadOnlyList<PInvokeModule> PInvokeModules { get; init; } = [];

    /// <summary>Set when the assembly has a CLI header but its metadata could not be read.</summary>
    public string? Error { get; init; }

    public long? ErrorOffset { get; init; }

    /// <summary>The file's own name (last path part).</summary>
    public string FileName => ForwardSlashPath.FileName(RelativePath);
}
