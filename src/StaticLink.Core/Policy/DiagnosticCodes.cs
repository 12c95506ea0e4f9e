namespace StaticLink.Core.Policy;

/// <summary>The stable diagnostic codes. Each has a help page under docs/diagnostics/.</summary>
public static class DiagnosticCodes
{
    public const string UnexpectedLibrary = "SL1001";
    public const string LibcMismatch = "SL1002";
    public const string NotFullyStatic = "SL1003";
    public const string SymbolVersionTooNew = "SL1004";
    public const string ArchitectureMismatch = "SL1005";
    public const string DeniedLibrary = "SL1006";
    public const string InvalidConfiguration = "SL1007";
    public const string StaticProfileNotApplicable = "SL1008";
    public const string UnreachableLibrary = "SL1009";
    public const string UnreadableFile = "SL1010";
    public const string RuntimeNeedMissing = "SL1011";
    public const string MuslSymbolMissing = "SL1012";
    public const string RuntimeLoadedLibrary = "SL2001";
    public const string StaticGlibcNss = "SL2002";
    public const string UnsafeRunPath = "SL2003";
    public const string NewerThanDotNetFloor = "SL2005";
    public const string ImageInvariantGlobalization = "SL2006";
    public const string OptionalRuntimePart = "SL3001";
    public const string PossibleRuntimeLoad = "SL3002";
    public const string AlternativeBuild = "SL3003";
    public const string OtherArchitectureImport = "SL3004";
    public const string BaselineEntryNotNeeded = "SL3005";
}
