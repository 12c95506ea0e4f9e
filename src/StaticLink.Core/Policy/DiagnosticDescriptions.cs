using System.Collections.Generic;

namespace StaticLink.Core.Policy;

/// <summary>A one-line title per diagnostic code, for rule tables (SARIF), help output and the docs index.</summary>
public static class DiagnosticDescriptions
{
    private static readonly Dictionary<string, (string Name, string Title)> Descriptions = new()
    {
        [DiagnosticCodes.UnexpectedLibrary] = ("UnexpectedLibrary", "A file needs a shared library (or a program interpreter) that neither the output nor the target has."),
        [DiagnosticCodes.LibcMismatch] = ("LibcMismatch", "A file is built for the other C library (glibc in a musl output, or musl in a glibc output)."),
        [DiagnosticCodes.NotFullyStatic] = ("NotFullyStatic", "The static policy requires fully static files, and this one has an interpreter or NEEDED entries."),
        [DiagnosticCodes.SymbolVersionTooNew] = ("SymbolVersionTooNew", "A file needs a symbol version the target's library does not define, or one above a limit (e.g. GLIBC_2.34 on glibc 2.28)."),
        [DiagnosticCodes.ArchitectureMismatch] = ("ArchitectureMismatch", "A file's architecture or class does not match the runtime identifier."),
        [DiagnosticCodes.DeniedLibrary] = ("DeniedLibrary", "A file needs a library that a deny rule forbids."),
        [DiagnosticCodes.InvalidConfiguration] = ("InvalidConfiguration", "A setting, item or rules file value is invalid."),
        [DiagnosticCodes.StaticProfileNotApplicable] = ("StaticProfileNotApplicable", "The static profile cannot be applied, or cannot produce a fully static binary with these settings (no NativeAOT, framework-dependent, missing static libraries)."),
        [DiagnosticCodes.UnreachableLibrary] = ("UnreachableLibrary", "A NEEDED library is in the output, but no RPATH/RUNPATH of the file reaches it, so the loader will not find it."),
        [DiagnosticCodes.UnreadableFile] = ("UnreadableFile", "A native file, single-file bundle or assembly could not be read (truncated, malformed, not ELF)."),
        [DiagnosticCodes.RuntimeLoadedLibrary] = ("RuntimeLoadedLibrary", "A file may load a library at run time (dlopen candidate or P/Invoke target) that is neither bundled nor allowed."),
        [DiagnosticCodes.StaticGlibcNss] = ("StaticGlibcNss", "A statically linked glibc still loads NSS and iconv modules at run time."),
        [DiagnosticCodes.UnsafeRunPath] = ("UnsafeRunPath", "RPATH or RUNPATH is absolute, empty or relative to the working directory."),
        [DiagnosticCodes.RuntimeNeedMissing] = ("RuntimeNeedMissing", "The target lacks what the .NET runtime needs to start (ICU, with neither the project nor the image setting invariant globalization)."),
        [DiagnosticCodes.MuslSymbolMissing] = ("MuslSymbolMissing", "A file imports a symbol the target's musl does not export; loading fails with 'symbol not found'."),
        [DiagnosticCodes.NewerThanDotNetFloor] = ("NewerThanDotNetFloor", "A file needs a newer C library than .NET's own floor: it will not start on some distributions .NET supports."),
        [DiagnosticCodes.ImageInvariantGlobalization] = ("ImageInvariantGlobalization", "The target image runs .NET in invariant globalization mode, though the project does not ask for it."),
        [DiagnosticCodes.OptionalRuntimePart] = ("OptionalRuntimePart", "An optional part of the .NET runtime (LTTng tracing, GSSAPI) needs a library the target lacks; only that feature is lost."),
        [DiagnosticCodes.PossibleRuntimeLoad] = ("PossibleRuntimeLoad", "A third-party native file names a library in its data that it may dlopen, and the target lacks it."),
        [DiagnosticCodes.AlternativeBuild] = ("AlternativeBuild", "A file is an alternative build of a SONAME another file of the output provides in a form that loads on the target."),
        [DiagnosticCodes.OtherArchitectureImport] = ("OtherArchitectureImport", "A P/Invoke names another architecture's or RID's build of a library the output bundles for this one."),
        [DiagnosticCodes.BaselineEntryNotNeeded] = ("BaselineEntryNotNeeded", "The baseline accepts a finding the check no longer reports: the entry can be removed."),
    };

    /// <summary>Every code, in order.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        DiagnosticCodes.UnexpectedLibrary,
        DiagnosticCodes.LibcMismatch,
        DiagnosticCodes.NotFullyStatic,
        DiagnosticCodes.SymbolVersionTooNew,
        DiagnosticCodes.ArchitectureMismatch,
        DiagnosticCodes.DeniedLibrary,
        DiagnosticCodes.InvalidConfiguration,
        DiagnosticCodes.StaticProfileNotApplicable,
        DiagnosticCodes.UnreachableLibrary,
        DiagnosticCodes.UnreadableFile,
        DiagnosticCodes.RuntimeNeedMissing,
        DiagnosticCodes.MuslSymbolMissing,
        DiagnosticCodes.RuntimeLoadedLibrary,
        DiagnosticCodes.StaticGlibcNss,
        DiagnosticCodes.UnsafeRunPath,
        DiagnosticCodes.NewerThanDotNetFloor,
        DiagnosticCodes.ImageInvariantGlobalization,
        DiagnosticCodes.OptionalRuntimePart,
        DiagnosticCodes.PossibleRuntimeLoad,
        DiagnosticCodes.AlternativeBuild,
        DiagnosticCodes.OtherArchitectureImport,
        DiagnosticCodes.BaselineEntryNotNeeded,
    ];

    /// <summary>e.g. "UnexpectedLibrary"; the code itself when unknown.</summary>
    public static string Name(string code) => Descriptions.TryGetValue(code, out var description) ? description.Name : code;

    public static string Title(string code) => Descriptions.TryGetValue(code, out var description) ? description.Title : code;

    /// <summary>The default severity: SL1xxx errors, SL2xxx warnings, SL3xxx information.</summary>
    public static FindingSeverity DefaultSeverity(string code) =>
        code.StartsWith("SL1", System.StringComparison.Ordinal) ? FindingSeverity.Error
        : code.StartsWith("SL2", System.StringComparison.Ordinal) ? FindingSeverity.Warning
        : FindingSeverity.Info;
}
