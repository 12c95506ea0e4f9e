using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// SL1012: musl binds without symbol versions, so a file built against a newer musl loads until a symbol is missing:
/// "Error relocating F: statx: symbol not found". A symbol counts as musl's when some musl release exports it; the
/// others belong to the file's other libraries (or are glibc's, which SL1002 reports).
/// </summary>
public sealed partial class PolicyEvaluator
{
    private void CheckMuslSymbols(ScannedFile file, List<NeededResolution> resolutions, List<Finding> findings)
    {
        if (Target.Libc != LibcFlavor.Musl || Target.LibcSymbols is not { } exported)
        {
            return;
        }

        var machine = _rules.Rid.Architecture?.MachineName ?? "x86_64";
        var releases = TargetCatalogue.MuslReleases(machine);
        if (releases.Count == 0)
        {
            return;
        }

        var newest = TargetCatalogue.MuslSymbols("musl-" + releases[releases.Count - 1].Text, machine);
        if (newest is null)
        {
            return;
        }

        var providedByOutput = ExportedByBundledDependencies(resolutions);

        // When every NEEDED is musl itself or a file of the output, all that can define a symbol is known: one that
        // none of them exports stays unresolved, and musl binds every symbol at load time.
        var everyProviderKnown = resolutions.TrueForAll(resolution => resolution.Kind is NeededResolutionKind.MuslReserved or NeededResolutionKind.Output);
        var missing = new List<string>();
        foreach (var symbol in file.Elf!.UndefinedSymbols)
        {
            if (!symbol.IsWeak && !exported.Contains(symbol.Name) && (newest.Contains(symbol.Name) || everyProviderKnown)
                && !providedByOutput.Contains(symbol.Name) && !missing.Contains(symbol.Name))
            {
                missing.Add(symbol.Name);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        // On .NET's floor, a symbol of a newer musl release only narrows where the output runs: a warning naming
        // the Alpine releases left behind. A symbol no musl has is an error anywhere.
        if (_resolved.IsFloor)
        {
            var newer = missing.FindAll(newest.Contains);
            if (newer.Count > 0)
            {
                findings.Add(NewerMuslThanFloor(file, newer, releases, machine));
                missing.RemoveAll(newest.Contains);
                if (missing.Count == 0)
                {
                    return;
                }
            }
        }

        var described = new List<string>();
        foreach (var symbol in missing)
        {
            described.Add(symbol + " (musl " + FirstRelease(symbol, releases, machine) + ")");
        }

        var fix = new FindingFix(
            FixStep.Advice($"Use a build of {file.FileName} made against musl {Target.LibcVersion?.Text ?? "of the target"} or older, or run on a target whose musl has them"));
        findings.Add(new Finding(
            DiagnosticCodes.MuslSymbolMissing,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} imports {(missing.Count == 1 ? "a symbol" : missing.Count + " symbols")} from libc that musl of {TargetName} does not export. "
            + $"musl's loader stops with \"Error relocating {file.FileName}: {missing[0]}: symbol not found\". Missing: {string.Join(", ", described)}.",
            "libc",
            TargetName,
            fix,
            Target: Target.Id));
    }

    private Finding NewerMuslThanFloor(ScannedFile file, List<string> symbols, IReadOnlyList<VersionNumber> releases, string machine)
    {
        var described = new List<string>();
        foreach (var symbol in symbols)
        {
            described.Add(symbol + " (musl " + FirstRelease(symbol, releases, machine) + ")");
        }

        var leftBehind = new List<string>();
        foreach (var distribution in TargetCatalogue.Distributions(LibcFlavor.Musl, _rules.Rid.ArchitectureName))
        {
            if (distribution.LibcSymbols is { } symbolsThere && symbols.Exists(symbol => !symbolsThere.Contains(symbol)))
            {
                leftBehind.Add(distribution.DisplayName);
            }
        }

        var fix = new FindingFix(
            FixStep.Advice($"Use a build of {file.FileName} made against musl {Target.LibcVersion?.Text} or older"),
            FixStep.UseTarget("If the app only runs on newer systems, name where it runs, e.g. ", "alpine.3.20", " (or another target)"));
        return new Finding(
            DiagnosticCodes.NewerThanDotNetFloor,
            FindingSeverity.Warning,
            file.RelativePath,
            $"{file.RelativePath} imports {(symbols.Count == 1 ? "a symbol" : symbols.Count + " symbols")} from libc newer than {Target.Title}. Newer: {string.Join(", ", described)}."
            + (leftBehind.Count > 0 ? $" It will not start on {string.Join(", ", leftBehind)}." : string.Empty),
            "libc",
            Target.Id,
            fix,
            Target: Target.Id);
    }

    /// <summary>", Alpine 3.20" for musl 1.2.5: the oldest catalogued Alpine release whose musl is at least that release.</summary>
    private string FirstAlpineWith(VersionNumber release)
    {
        foreach (var distribution in TargetCatalogue.Distributions(LibcFlavor.Musl, _rules.Rid.ArchitectureName))
        {
            if (distribution.LibcVersion is { } version && version >= release && distribution.Id.StartsWith("alpine.", StringComparison.Ordinal))
            {
                return string.Join(" ", ", Alpine", distribution.Id.Substring("alpine.".Length));
            }
        }

        return string.Empty;
    }

    private static HashSet<string> ExportedByBundledDependencies(List<NeededResolution> resolutions)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resolution in resolutions)
        {
            if (resolution.Kind == NeededResolutionKind.Output && resolution.OutputFile?.Elf is { } elf)
            {
                symbols.UnionWith(elf.ExportedSymbols);
            }
        }

        return symbols;
    }

    private string FirstRelease(string symbol, IReadOnlyList<VersionNumber> releases, string machine)
    {
        foreach (var release in releases)
        {
            if (TargetCatalogue.MuslSymbols("musl-" + release.Text, machine)?.Contains(symbol) == true)
            {
                return release.Text + FirstAlpineWith(release);
            }
        }

        return "none: no musl release and no NEEDED library of the file exports it";
    }
}
