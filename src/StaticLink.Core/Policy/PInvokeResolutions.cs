namespace StaticLink.Core.Policy;

/// <summary>The values of <see cref="PInvokeTargetReport.Resolution"/>.</summary>
public static class PInvokeResolutions
{
    /// <summary>A file of the output (or of a single-file bundle) has one of the names the runtime tries.</summary>
    public const string Bundled = "bundled";

    /// <summary>Part of the .NET runtime: a file of a self-contained output, or of the installed runtime.</summary>
    public const string Runtime = "runtime";

    /// <summary>The C library ("libc"), which every Linux system has.</summary>
    public const string CLibrary = "libc";

    /// <summary>The target has it (a library the loader finds there).</summary>
    public const string Target = "target";

    /// <summary>Allowed by a user rule.</summary>
    public const string Allowed = "allowed";

    /// <summary>Only loaded on Windows or Apple systems; never asked of the Linux loader.</summary>
    public const string OtherPlatform = "other-platform";

    /// <summary>The assembly is ignored by a user rule.</summary>
    public const string Ignored = "ignored";

    /// <summary>Provided by nothing the check knows of: reported as SL2001.</summary>
    public const string Missing = "missing";
}
