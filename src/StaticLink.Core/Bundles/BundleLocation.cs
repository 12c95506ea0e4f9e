namespace StaticLink.Core.Bundles;

/// <summary>A byte range of the host file (the header's copies of where deps.json and runtimeconfig.json are).</summary>
public sealed record BundleLocation(long Offset, long Size);
