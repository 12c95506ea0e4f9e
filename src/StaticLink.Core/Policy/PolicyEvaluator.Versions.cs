using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>SL1004: symbol versions newer than a limit, naming the symbols that raise the floor.</summary>
public sealed partial class PolicyEvaluator
{
    private void CheckVersionLimits(ScannedFile file, List<Finding> findings)
    {
        var elf = file.Elf!;
        foreach (var limit in _rules.VersionLimits)
        {
            string? newestName = null;
            string? newestLibrary = null;
            VersionNumber? newest = null;
            foreach (var need in elf.VersionNeeds)
            {
                foreach (var version in need.Versions)
                {
                    if (TooNew(version, limit, out var number) && (newest is null || number! > newest))
                    {
                        newest = number;
                        newestName = version;
                        newestLibrary = need.Library;
                    }
                }
            }

            if (newest is null)
            {
                continue;
            }

            var symbols = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var import in SortedNewestFirst(elf.VersionedImports, limit))
            {
                var text = import.Symbol + "@" + import.Version + " (" + import.Library + ")";
                if (seen.Add(text))
                {
                    symbols.Add(text);
                }
            }

            var which = SymbolsThatNeedIt(symbols);
            var fix = FixFor(limit, newest, file);
            findings.Add(new Finding(
                DiagnosticCodes.SymbolVersionTooNew,
                FindingSeverity.Error,
                file.RelativePath,
                $"{file.RelativePath} needs {newestName} from {newestLibrary}, newer than the {limit.Prefix}_{limit.Maximum.Text} allowed by {limit.Source}. {Capitalized(which)}.",
                newestLibrary,
                limit.DisplayName,
                fix));
        }
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>"the 3 symbols that need it: a, b, c": the count and every one of them, so the list can be acted on.</summary>
    private static string SymbolsThatNeedIt(List<string> symbols) => symbols.Count switch
    {
        0 => "no imported symbol is bound to it in the dynamic symbol table (the need comes from the version table alone)",
        1 => "the symbol that needs it: " + symbols[0],
        _ => string.Format(CultureInfo.InvariantCulture, "the {0} symbols that need it: ", symbols.Count) + string.Join(", ", symbols),
    };

    /// <summary>
    /// SL1004 (SL2005 on .NET's floor): version needs the library the loader finds does not define: the target's
    /// library (exactly as captured, or up to its release's version), or the output's own when it has definitions.
    /// musl's loader ignores symbol versions, so on musl only symbols count (SL1012).
    /// </summary>
    private void CheckTargetVersions(ScannedFile file, List<NeededResolution> resolutions, List<Finding> findings)
    {
        if (Target.Libc == LibcFlavor.Musl)
        {
            return;
        }

        var elf = file.Elf!;
        foreach (var need in elf.VersionNeeds)
        {
            var resolution = resolutions.Find(item => item.Library == need.Library) ?? _loader.Resolve(file, need.Library);
            var library = resolution.Kind == NeededResolutionKind.Target ? resolution.TargetLibrary : null;
            var bundled = resolution.Kind == NeededResolutionKind.Output ? resolution.OutputFile?.Elf : null;
            if (library is null && (bundled is null || bundled.VersionDefinitions.Count == 0))
            {
                continue;
            }

            var missing = new List<string>();
            foreach (var version in need.Versions)
            {
                var defined = library?.Defines(version) ?? Contains(bundled!.VersionDefinitions, version);
                if (!defined && !missing.Contains(version))
                {
                    missing.Add(version);
                }
            }

            if (missing.Count == 0)
            {
                continue;
            }

            findings.Add(UndefinedVersions(file, need.Library, missing, library, bundled is not null ? resolution.OutputFile : null));
        }
    }

    private Finding UndefinedVersions(ScannedFile file, string libraryName, List<string> missing, TargetLibrary? library, ScannedFile? bundled)
    {
        var elf = file.Elf!;
        var newest = Newest(missing);
        var symbols = new List<string>();
        foreach (var import in elf.VersionedImports)
        {
            var text = import.Symbol + "@" + import.Version;
            if (import.Library == libraryName && missing.Contains(import.Version) && !symbols.Contains(text))
            {
                symbols.Add(text);
            }
        }

        var which = SymbolsThatNeedIt(symbols);
        var needs = missing.Count == 1 ? missing[0] : string.Join(", ", missing);
        var prefix = VersionNumber.TrySplitSymbolVersion(newest, out var newestPrefix, out _) ? newestPrefix : newest;
        var has = library?.Newest(prefix) is { } top ? $" (its newest is {prefix}_{top.Text})" : string.Empty;
        var where = bundled is not null ? $"{bundled.RelativePath} of the output{has}" : $"{libraryName} of {TargetName}{has}";
        var appHost = IsAppHost(file);
        if (_resolved.IsFloor && library is not null)
        {
            var leftBehind = DistributionsWithout(libraryName, missing);
            var floorFix = new FindingFix(
                appHost ? AppHostFix(file) : FixStep.Advice($"Build {file.FileName} on an older distribution (or in its container) or avoid the symbols listed"),
                FixStep.UseTarget(
                    "If the app only runs on newer systems, name where it runs, e.g. ",
                    "debian.12",
                    " (or another target), which turns this into a check against that system"));
            return new Finding(
                DiagnosticCodes.NewerThanDotNetFloor,
                FindingSeverity.Warning,
                file.RelativePath,
                $"{file.RelativePath} needs {needs} from {libraryName}, newer than {Target.Title}{has}. {Capitalized(which)}."
                + (leftBehind.Count > 0 ? $" It will not start on {string.Join(", ", leftBehind)}." : string.Empty),
                libraryName,
                Target.Id,
                floorFix,
                Target: Target.Id);
        }

        var fix = new FindingFix(appHost
            ? AppHostFix(file)
            : FixStep.Advice($"Build {file.FileName} against an older {(prefix == "GLIBC" ? "glibc" : LibraryOfPrefix(prefix))} (e.g. in a container of the target's release) or avoid the symbols listed, or run on a newer target"));
        return new Finding(
            DiagnosticCodes.SymbolVersionTooNew,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} needs {needs} from {libraryName}, which {where} does not define. "
            + $"The loader stops with \"version `{newest}' not found\". {Capitalized(which)}.",
            libraryName,
            TargetName,
            fix,
            Target: Target.Id);
    }

    /// <summary>The catalogued distributions of the target's C library and architecture whose library lacks one of the versions.</summary>
    private List<string> DistributionsWithout(string libraryName, List<string> versions)
    {
        var names = new List<string>();
        foreach (var distribution in TargetCatalogue.Distributions(LibcFlavor.Glibc, _rules.Rid.ArchitectureName))
        {
            var library = distribution.FindLibrary(libraryName);
            if (library is not null && versions.Exists(version => !library.Defines(version)))
            {
                names.Add(distribution.DisplayName);
            }
        }

        return names;
    }

    /// <summary>The SDK's app host: an executable beside its app's .dll and runtimeconfig.json.</summary>
    private bool IsAppHost(ScannedFile file) =>
        file.Container is null && OriginOf(file.RelativePath) == FileOrigins.AppHostOrigin;

    private static FixStep AppHostFix(ScannedFile file) => FixStep.SetProperty(
        $"{file.FileName} is the SDK's app host (from the Microsoft.NETCore.App.Host pack of this SDK): publish with ",
        "UseAppHost",
        "false",
        $" and start the app with `dotnet {file.FileName}.dll`, or use an SDK whose app host pack supports the target's C library");

    private static string Newest(List<string> versions)
    {
        var newest = versions[0];
        VersionNumber? newestNumber = null;
        foreach (var version in versions)
        {
            if (VersionNumber.TrySplitSymbolVersion(version, out _, out var number) && (newestNumber is null || number! > newestNumber))
            {
                newestNumber = number;
                newest = version;
            }
        }

        return newest;
    }

    private static bool Contains(IReadOnlyList<string> items, string item)
    {
        foreach (var candidate in items)
        {
            if (candidate == item)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TooNew(string version, EffectiveVersionLimit limit, out VersionNumber? number)
    {
        number = null;
        return VersionNumber.TrySplitSymbolVersion(version, out var prefix, out number)
            && string.Equals(prefix, limit.Prefix, StringComparison.OrdinalIgnoreCase)
            && number! > limit.Maximum;
    }

    private static List<Elf.ElfVersionedImport> SortedNewestFirst(IReadOnlyList<Elf.ElfVersionedImport> imports, EffectiveVersionLimit limit)
    {
        var selected = new List<(Elf.ElfVersionedImport Import, VersionNumber Version, int Order)>();
        for (var index = 0; index < imports.Count; index++)
        {
            if (TooNew(imports[index].Version, limit, out var number))
            {
                selected.Add((imports[index], number!, index));
            }
        }

        // Newest first: those are the ones to get rid of; ties keep symbol-table order so output is stable.
        selected.Sort((left, right) =>
        {
            var byVersion = right.Version.CompareTo(left.Version);
            return byVersion != 0 ? byVersion : left.Order.CompareTo(right.Order);
        });
        var result = new List<Elf.ElfVersionedImport>(selected.Count);
        foreach (var item in selected)
        {
            result.Add(item.Import);
        }

        return result;
    }

    private static FindingFix FixFor(EffectiveVersionLimit limit, VersionNumber newest, ScannedFile file)
    {
        var build = FixStep.Advice(limit.Prefix == "GLIBC"
            ? $"Build {file.FileName} against glibc {limit.Maximum.Text} or older (e.g. in a container of an older distribution), or avoid the symbols listed"
            : $"Build {file.FileName} with an older {LibraryOfPrefix(limit.Prefix)}, or avoid the symbols listed");

        // Every version limit is a setting (a property or item, an option or the rules file): that setting raises it.
        // Targets' ceilings are SL1004's other form, against the target's own libraries.
        return new FindingFix(build, FixStep.RaiseVersionLimit("Or raise the limit with ", limit.Prefix, newest.Text));
    }

    private static string LibraryOfPrefix(string prefix) => prefix switch
    {
        "GLIBCXX" or "CXXABI" => "libstdc++ (GCC toolchain)",
        "GCC" => "libgcc_s (GCC toolchain)",
        _ => prefix + " library",
    };
}
