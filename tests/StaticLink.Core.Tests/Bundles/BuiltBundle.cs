using System.IO;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>The bytes of a crafted bundle and where its structures are.</summary>
internal sealed record BuiltBundle(byte[] Bytes, BundleBuilder.Layout Layout)
{
    public MemoryStream Open() => new(Bytes, writable: false);

    public byte[] Truncated(long length) => Bytes[..(int)length];
}
