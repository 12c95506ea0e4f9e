namespace StaticLink.Core.Policy;

/// <summary>One native library an assembly of the output calls with P/Invoke, and how the check found it provided.</summary>
/// <param name="Assembly">The assembly's path relative to the checked root ("host!/name.dll" inside a single-file bundle).</param>
/// <param name="Module">The module name as written in DllImport / LibraryImport, e.g. "libgdiplus".</param>
/// <param name="Library">The file name the runtime would most likely load, e.g. "libgdiplus.so".</param>
/// <param name="Resolution">How it is provided: one of <see cref="PInvokeResolution"/>.</param>
/// <param name="ResolvedBy">The bundled file, the rule or the reason that provides it; null when missing.</param>
/// <param name="ImportCount">How many methods import from it.</param>
public sealed record PInvokeTargetReport(string Assembly, string Module, string Library, PInvokeResolution Resolution, string? ResolvedBy, int ImportCount);
