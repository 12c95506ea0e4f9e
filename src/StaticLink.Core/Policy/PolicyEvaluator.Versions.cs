using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>SL1004: symbol versions newer than a limit, naming the symbols that raise the floor.</summary>
public sealed partial class PolicyEvaluator
{
    /// <summary>Enough symbols to act on; the rest are counted.</summary>
    private const int SymbolsShown = 12;

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

            var which = symbols.Count > 0
                ? (symbols.Count == 1 ? "the symbol that needs it: " : string.Format(CultureInfo.InvariantCulture, "the {0} symbols that need it: ", symbols.Count)) + JoinLimited(symbols, SymbolsShown)
                : "no imported symbol is bound to it in the dynamic symbol table (the need comes from the version table alone)";
            var fix = FixFor(limit, newest, file);
            findings.Add(new Finding(
                DiagnosticCodes.SymbolVersionTooNew,
                FindingSeverity.Error,
                file.RelativePath,
                $"{file.RelativePath} needs {newestName} from {newestLibrary}, newer than {limit.Prefix}_{limit.Maximum.Text} allowed by {limit.Source}; {which}. {fix}",
                newestLibrary,
                limit.DisplayName,
                fix));
        }
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

    private static string FixFor(EffectiveVersionLimit limit, VersionNumber newest, ScannedFile file)
    {
        var raise = limit.Source == "StaticLinkMaxGlibcVersion"
            ? $"<StaticLinkMaxGlibcVersion>{newest.Text}</StaticLinkMaxGlibcVersion>"
            : limit.Source == "StaticLinkMaxVersion"
                ? $"<StaticLinkMaxVersion Include=\"{limit.Prefix}\" Version=\"{newest.Text}\" />"
                : $"{limit.Source} ({limit.Prefix}: {newest.Text})";
        var build = limit.Prefix == "GLIBC"
            ? $"Build {file.FileName} against glibc {limit.Maximum.Text} or older (e.g. in a container of an older distribution), or avoid the symbols listed"
            : $"Build {file.FileName} with an older {LibraryOfPrefix(limit.Prefix)}, or avoid the symbols listed";
        return $"{build}; or raise the limit with {raise}.";
    }

    private static string LibraryOfPrefix(string prefix) => prefix switch
    {
        "GLIBCXX" or "CXXABI" => "libstdc++ (GCC toolchain)",
        "GCC" => "libgcc_s (GCC toolchain)",
        _ => prefix + " library",
    };
}
