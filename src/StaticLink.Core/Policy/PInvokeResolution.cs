namespace StaticLink.Core.Policy;

/// <summary>How a P/Invoke target is provided (<see cref="PInvokeTargetReport.Resolution"/>); reports spell it with <see cref="ReportText"/>.</summary>
public enum PInvokeResolution
{
    /// <summary>A file of the output (or of a single-file bundle) has one of the names the runtime tries.</summary>
    Bundled,

    /// <summary>Part of the .NET runtime: a file of a self-contained output, or of the installed runtime.</summary>
    Runtime,

    /// <summary>The C library ("libc"), which every Linux system has.</summary>
    CLibrary,

    /// <summary>The target has it (a library the loader finds there).</summary>
    Target,

    /// <summary>Allowed by a user rule.</summary>
    Allowed,

    /// <summary>Only loaded on Windows or Apple systems; never asked of the Linux loader.</summary>
    OtherPlatform,

    /// <summary>The assembly is ignored by a user rule.</summary>
    Ignored,

    /// <summary>Provided by nothing the check knows of: reported as SL2001.</summary>
    Missing,
}
