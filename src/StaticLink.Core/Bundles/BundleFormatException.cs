using System;

namespace StaticLink.Core.Bundles;

/// <summary>
/// The only exception the bundle reader lets escape: the host carries the single-file bundle marker, but what it
/// points at is not a well-formed bundle. Carries the byte offset in the host file and a reason a person can act on.
/// </summary>
public sealed class BundleFormatException : Exception
{
    public BundleFormatException()
        : this(0, "malformed single-file bundle")
    {
    }

    public BundleFormatException(string message)
        : this(0, message)
    {
    }

    public BundleFormatException(string message, Exception innerException)
        : this(0, message, innerException)
    {
    }

    public BundleFormatException(long offset, string reason)
        : base($"{reason} (at offset 0x{offset:x})")
    {
        Offset = offset;
        Reason = reason;
    }

    public BundleFormatException(long offset, string reason, Exception innerException)
        : base($"{reason} (at offset 0x{offset:x})", innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The byte offset in the host file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The reason without the offset.</summary>
    public string Reason { get; } = string.Empty;
}
