namespace StaticLink.Core.Loading;

/// <summary>How the loader would satisfy one NEEDED entry of one file on one target.</summary>
public enum NeededResolutionKind
{
    /// <summary>A file of the output, found through the file's RPATH/RUNPATH ($ORIGIN).</summary>
    Output,

    /// <summary>A library of the target, found in its directories.</summary>
    Target,

    /// <summary>A name musl's loader answers with itself (libc.*, libdl.*, libpthread.*, ...).</summary>
    MuslReserved,

    /// <summary>The output has it, but no RPATH/RUNPATH of the file reaches it: the loader does not look there (SL1009).</summary>
    Unreachable,

    /// <summary>Neither the output nor the target has it (SL1001).</summary>
    Missing,
}
