using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>What a real dynamic loader said about one file inside a root filesystem.</summary>
/// <param name="Missing">Libraries the loader could not find ("not found" / "Error loading shared library").</param>
/// <param name="VersionErrors">glibc symbol-version needs no loaded library met.</param>
/// <param name="SymbolErrors">Symbols no loaded object defines.</param>
/// <param name="Resolved">
/// Each library name the loader reported finding, mapped to its path inside the root, or to "app" when it came from
/// the copied output (/app/...). The loader itself and linux-vdso.so.1 are left out.
/// </param>
/// <param name="ExitCode">The loader's exit code (glibc's trace mode exits 0 even with libraries missing).</param>
/// <param name="RawOutput">Standard output then standard error, as the loader wrote them.</param>
internal sealed record LoaderVerdict(
    IReadOnlyList<string> Missing,
    IReadOnlyList<VersionError> VersionErrors,
    IReadOnlyList<SymbolError> SymbolErrors,
    IReadOnlyDictionary<string, string> Resolved,
    int ExitCode,
    string RawOutput)
{
    /// <summary>The value of <see cref="Resolved"/> for a library found in the copied output.</summary>
    public const string App = "app";

    /// <summary>Nothing missing, no version or symbol error, and a clean exit.</summary>
    public bool Loads => Missing.Count == 0 && VersionErrors.Count == 0 && SymbolErrors.Count == 0 && ExitCode == 0;

    /// <summary>
    /// "loads", or the missing libraries, version errors and whether symbols were undefined, without the symbols'
    /// names and numbers: what a test pins, the part that tells why a file does not load.
    /// </summary>
    public string Compact()
    {
        if (Loads)
        {
            return "loads";
        }

        var parts = new List<string>();
        if (Missing.Count > 0)
        {
            parts.Add("missing " + string.Join(", ", Missing.Order(StringComparer.Ordinal)));
        }

        if (VersionErrors.Count > 0)
        {
            parts.Add("versions " + string.Join(", ", VersionErrors.Select(error => error.Version).Distinct().Order(StringComparer.Ordinal)));
        }

        if (SymbolErrors.Count > 0)
        {
            parts.Add("undefined symbols");
        }

        return parts.Count > 0 ? string.Join("; ", parts) : "exit code " + ExitCode;
    }

    /// <summary>One line: "loads", or what went wrong, naming up to four undefined symbols.</summary>
    public string Summary()
    {
        if (Loads)
        {
            return "loads";
        }

        var parts = new List<string>();
        if (Missing.Count > 0)
        {
            parts.Add("missing " + string.Join(", ", Missing));
        }

        if (VersionErrors.Count > 0)
        {
            parts.Add("versions " + string.Join(", ", VersionErrors.Select(error => error.Library + " " + error.Version).Distinct()));
        }

        if (SymbolErrors.Count > 0)
        {
            var symbols = SymbolErrors.Select(error => error.Symbol).Distinct().ToList();
            parts.Add($"{symbols.Count} undefined symbol(s): " + string.Join(", ", symbols.Take(4)) + (symbols.Count > 4 ? ", ..." : string.Empty));
        }

        if (parts.Count == 0)
        {
            parts.Add("exit code " + ExitCode);
        }

        return string.Join("; ", parts);
    }
}
