namespace StaticLink.Core.Elf;

/// <summary>The C library a file was built against, judged from PT_INTERP, then NEEDED, then version needs.</summary>
public enum LibcFlavor
{
    /// <summary>No evidence of any C library (e.g. a fully static binary with no libc traces, or an object file).</summary>
    None,
    Glibc,
    Musl,
    Bionic,

    /// <summary>The file depends on something libc-like that none of the known flavours explains.</summary>
    Unknown,
}
