using System;

namespace StaticLink.Core.Managed;

/// <summary>
/// The only exception the assembly metadata reader lets escape: the file has a CLI header, so it is a .NET
/// assembly, but its metadata is malformed or truncated. Carries the byte offset and a reason a person can act on.
/// </summary>
public sealed class AssemblyFormatException : Exception
{
    public AssemblyFormatException()
        : this(0, "malformed .NET assembly")
    {
    }

    public AssemblyFormatException(string message)
        : this(0, message)
    {
    }

    public AssemblyFormatException(string message, Exception innerException)
        : this(0, message, innerException)
    {
    }

    public AssemblyFormatException(long offset, string reason)
        : base($"{reason} (at offset 0x{offset:x})")
    {
        Offset = offset;
        Reason = reason;
    }

    public AssemblyFormatException(long offset, string reason, Exception innerException)
        : base($"{reason} (at offset 0x{offset:x})", innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The byte offset in the file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The reason without the offset.</summary>
    public string Reason { get; } = string.Empty;
}
