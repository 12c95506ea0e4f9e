namespace StaticLink.Core.Policy;

/// <summary>The values of <see cref="FileReport.Kind"/>, as they appear in reports.</summary>
public static class FileKinds
{
    public const string Executable = "executable";
    public const string SharedLibrary = "shared-library";
    public const string Relocatable = "relocatable";
    public const string Core = "core";
    public const string DebugSymbols = "debug-symbols";
    public const string Unreadable = "unreadable";

    /// <summary>An ELF type that is none of the above (ET_NONE, OS- or processor-specific types).</summary>
    public const string Other = "other";
}
