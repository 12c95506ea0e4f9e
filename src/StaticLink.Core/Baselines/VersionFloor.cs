using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Baselines;

/// <summary>The newest symbol version of one prefix a file needs from one library, e.g. GLIBC_2.34 from libc.so.6.</summary>
/// <param name="Library">The library that must define it, e.g. libc.so.6.</param>
/// <param name="Version">The version need, e.g. GLIBC_2.34.</param>
public sealed record VersionFloor(string Library, string Version)
{
    /// <summary>
    /// The file's floors, one per library and version prefix (libstdc++.so.6 has GLIBCXX_ and CXXABI_), sorted by
    /// library then version name, so that the same file always gives the same list. Needs without a version number
    /// (e.g. a bare name) are their own floor.
    /// </summary>
    public static IReadOnlyList<VersionFloor> Of(ElfFile? elf)
    {
        if (elf is null)
        {
            return [];
        }

        var newest = new Dictionary<string, (string Name, VersionNumber? Number)>(StringComparer.Ordinal);
        foreach (var need in elf.VersionNeeds)
        {
            foreach (var version in need.Versions)
            {
                var hasNumber = VersionNumber.TrySplitSymbolVersion(version, out var prefix, out var number);
                var key = need.Library + "\n" + (hasNumber ? prefix : version);
                if (!newest.TryGetValue(key, out var known) || (hasNumber && known.Number is not null && number! > known.Number))
                {
                    newest[key] = (version, hasNumber ? number : null);
                }
            }
        }

        var floors = new List<VersionFloor>(newest.Count);
        foreach (var entry in newest)
        {
            floors.Add(new VersionFloor(entry.Key.Substring(0, entry.Key.IndexOf('\n')), entry.Value.Name));
        }

        floors.Sort((left, right) =>
        {
            var byLibrary = string.CompareOrdinal(left.Library, right.Library);
            return byLibrary != 0 ? byLibrary : string.CompareOrdinal(left.Version, right.Version);
        });
        return floors;
    }
}
