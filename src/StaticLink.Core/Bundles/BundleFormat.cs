namespace StaticLink.Core.Bundles;

/// <summary>
/// The on-disk layout of a .NET single-file bundle, as the .NET host reads it (src/native/corehost/bundle in
/// dotnet/runtime), named as there. All integers are little-endian.
/// <code>
/// host file:  [apphost image ... marker: int64 header offset, 32-byte signature ...][embedded files][header][entries]
/// header:     uint32 major, uint32 minor, int32 file count, bundle id (path string),
///             v2+: int64 deps.json offset, int64 size, int64 runtimeconfig.json offset, int64 size, uint64 flags
/// entry:      int64 offset, int64 size, v6+: int64 compressed size, byte type, path (path string)
/// path string: length in 7-bit groups (one or two bytes, low bits first), then that many UTF-8 bytes
/// </code>
/// </summary>
internal static class BundleFormat
{
    public const int MarkerLength = HeaderOffsetLength + SignatureLength;
    public const int HeaderOffsetLength = 8;
    public const int SignatureLength = 32;

    /// <summary>header_fixed_t: major, minor, file count.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>header_fixed_v2_t: two locations (offset, size) and the flags.</summary>
    public const int FixedHeaderV2Length = 40;

    /// <summary>The first version with the v2 header (.NET 5).</summary>
    public const uint FirstVersionWithV2Header = 2;

    /// <summary>The first version whose entries carry a compressed size (.NET 6).</summary>
    public const uint FirstVersionWithCompression = 6;

    /// <summary>The newest version this reader knows; later ones are read with its layout.</summary>
    public const uint NewestKnownVersion = 6;

    /// <summary>The host rejects longer paths (PATH_MAX on Linux).</summary>
    public const int MaximumPathLength = 4096;

    /// <summary>The host stops at a one-past-last file_type_t value; types from here on are unknown.</summary>
    public const byte FirstUnknownType = 6;

    /// <summary>The bundle signature the SDK's HostWriter and the host agree on.</summary>
    public static readonly byte[] Signature =
    [
        0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38,
        0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18,
        0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae,
    ];

    /// <summary>The smallest entry record: the fixed fields and a one-byte path with its one-byte length.</summary>
    public static int MinimumEntryLength(uint majorVersion) =>
        8 + 8 + (majorVersion >= FirstVersionWithCompression ? 8 : 0) + 1 + 2;

    public static bool IsReadableVersion(uint majorVersion) =>
        majorVersion == 1 || majorVersion == 2 || majorVersion >= FirstVersionWithCompression;
}
