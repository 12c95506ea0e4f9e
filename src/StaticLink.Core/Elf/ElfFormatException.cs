using System;

namespace StaticLink.Core.Elf;

/// <summary>
/// The only exception the ELF reader lets escape: the file is not a well-formed ELF file.
/// Carries the byte offset where reading went wrong and a reason a person can act on.
/// </summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException()
        : this(0, "malformed ELF file")
    {
    }

    public ElfFormatException(string message)
        : this(0, message)
    {
    }

    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ElfFormatException(long offset, string reason)
        : base($"{reason} (at offset 0x{offset:x})")
    {
        Offset = offset;
        Reason = reason;
    }

    public ElfFormatException(long offset, string reason, Exception innerException)
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
