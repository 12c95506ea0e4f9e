using System;
using System.Collections.Generic;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets;

/// <summary>
/// A shared library the target's loader finds: its SONAME (what a NEEDED entry names), where it lies, and the symbol
/// versions it defines. Versions are exact when the library was read from a real file (a capture); a version table
/// (e.g. "glibc 2.28" from a distribution's release data) is kept as a ceiling per prefix instead, so the data never
/// claims more precision than its source has.
/// </summary>
public sealed class TargetLibrary
{
    public TargetLibrary(
        string soname,
        string? path,
        IReadOnlyList<string> versions,
        IReadOnlyDictionary<string, VersionNumber> versionCeilings)
    {
        Soname = soname ?? throw new ArgumentNullException(nameof(soname));
        Path = path;
        Versions = versions ?? throw new ArgumentNullException(nameof(versions));
        VersionCeilings = versionCeilings ?? throw new ArgumentNullException(nameof(versionCeilings));
        _versionSet = new HashSet<string>(versions, StringComparer.Ordinal);
    }

    private readonly HashSet<string> _versionSet;

    /// <summary>The name a NEEDED entry must match, e.g. libssl.so.3.</summary>
    public string Soname { get; }

    /// <summary>Where the loader finds it on the target, e.g. /usr/lib/x86_64-linux-gnu/libssl.so.3; null when unknown.</summary>
    public string? Path { get; }

    /// <summary>The version definitions (Verdef) read from the library itself, e.g. GLIBC_2.2.5 ... GLIBC_2.36.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>Prefix -> newest version, from a version table rather than the file: every PREFIX_x.y up to it is defined.</summary>
    public IReadOnlyDictionary<string, VersionNumber> VersionCeilings { get; }

    /// <summary>True when a version need (e.g. GLIBC_2.34) is satisfied by this library.</summary>
    public bool Defines(string version)
    {
        if (_versionSet.Contains(version))
        {
            return true;
        }

        if (VersionNumber.TrySplitSymbolVersion(version, out var prefix, out var number) && VersionCeilings.TryGetValue(prefix, out var ceiling))
        {
            return number! <= ceiling;
        }

        // No definitions read from the file: either the data has only a release table for other prefixes, or the
        // library defines no versions at all, which glibc's loader accepts ("no version information available").
        return Versions.Count == 0;
    }

    /// <summary>The newest version of a prefix this library defines, for messages ("the target has GLIBC_2.28").</summary>
    public VersionNumber? Newest(string prefix)
    {
        VersionNumber? newest = VersionCeilings.TryGetValue(prefix, out var ceiling) ? ceiling : null;
        foreach (var version in Versions)
        {
            if (VersionNumber.TrySplitSymbolVersion(version, out var own, out var number)
                && own == prefix
                && (newest is null || number! > newest))
            {
                newest = number;
            }
        }

        return newest;
    }
}
