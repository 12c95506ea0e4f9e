namespace StaticLink.Core.Policy;

/// <summary>What a file of the output is (<see cref="FileReport.Kind"/>); reports spell it with <see cref="ReportText"/>.</summary>
public enum FileKind
{
    Unreadable,
    Executable,
    SharedLibrary,
    Relocatable,
    Core,
    DebugSymbols,

    /// <summary>An ELF type that is none of the above (ET_NONE, OS- or processor-specific types).</summary>
    Other,
}
