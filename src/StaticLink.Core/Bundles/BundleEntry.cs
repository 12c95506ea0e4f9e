namespace StaticLink.Core.Bundles;

/// <summary>One file embedded in a single-file bundle, as the manifest describes it.</summary>
/// <param name="Offset">Where the stored bytes start in the host file.</param>
/// <param name="Size">The file's size once extracted.</param>
/// <param name="CompressedSize">The stored (deflate) size; 0 when stored as is (always 0 before bundle version 6).</param>
/// <param name="Type">Assembly, native binary, deps.json, ...</param>
/// <param name="RelativePath">The path the file is extracted to, '/'-separated.</param>
/// <param name="ManifestOffset">Where this entry's record starts in the host file (for messages).</param>
public sealed record BundleEntry(long Offset, long Size, long CompressedSize, BundleEntryType Type, string RelativePath, long ManifestOffset)
{
    public bool IsCompressed => CompressedSize != 0;

    /// <summary>The number of bytes the entry occupies in the host file.</summary>
    public long StoredSize => IsCompressed ? CompressedSize : Size;
}
