using System;

namespace StaticLink.Core.Managed;

/// <summary>
/// The only exception the assembly metadata reader lets escape: the file has a CLI header, so it is a .NET
/// assembly, but its headers or metadata are malformed or truncated. Carries a reason a person can act on and, where
/// it is known, the byte offset.
/// </summary>
public sealed class AssemblyFormatException : Exception
{
    public AssemblyFormatException()
        : this(null, "malformed .NET assembly")
    {
    }

    public AssemblyFormatException(string message)
        : this(null, message)
    {
    }

    public AssemblyFormatException(string message, Exception innerException)
        : this(null, message, innerException)
    {
    }

    public AssemblyFormatException(long? offset, string reason)
        : base(WithOffset(offset, reason))
    {
        Offset = offset;
        Reason = reason;
    }

    public AssemblyFormatException(long? offset, string reason, Exception innerException)
        : base(WithOffset(offset, reason), innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>
    /// The byte offset in the file where the problem was found: where a truncated file ends, or where its metadata
    /// starts; null when System.Reflection.Metadata rejected headers that are all there.
    /// </summary>
    public long? Offset { get; }

    /// <summary>The reason without the offset.</summary>
    public string Reason { get; } = string.Empty;

    private static string WithOffset(long? offset, string reason) =>
        offset is { } value ? $"{reason} (at offset 0x{value:x})" : reason;
}
