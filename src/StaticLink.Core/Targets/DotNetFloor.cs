using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets;

/// <summary>
/// .NET's floor: the oldest C library the TFM's .NET supports for a RID, with .NET's documented dependencies present
/// (dotnet/core release-notes/{8.0,9.0,10.0}/supported-os.md and os-packages.json, as summarised in
/// ../shared/data/targets.md). It is the target when nothing else is named: an output that needs more still runs
/// somewhere, so needing more is a warning (SL2005) that names the distributions left behind.
/// </summary>
public static class DotNetFloor
{
    /// <summary>The newest .NET whose floor the data has: the floor when the TFM is not known.</summary>
    public const int NewestMajor = 10;

    /// <summary>The id of the floor target, e.g. "dotnet-floor (net10.0, glibc 2.27)".</summary>
    public const string IdPrefix = "dotnet-floor";

    /// <summary>Builds the floor for a TFM (net8.0, net10.0; null or unknown: the newest .NET's) and RID.</summary>
    public static TargetDescription For(string? targetFramework, RuntimeIdentifierInfo rid)
    {
        if (rid is null)
        {
            throw new ArgumentNullException(nameof(rid));
        }

        var major = MajorVersion(targetFramework);
        if (major == 0)
        {
            major = NewestMajor;
        }

        var architecture = rid.Architecture;
        var libraries = new List<TargetLibrary>();
        VersionNumber version;
        if (rid.Libc == LibcFlavor.Musl)
        {
            version = Version(major >= 10 ? "1.2.3" : "1.2.2");
            foreach (var loader in architecture?.MuslLoaders ?? [])
            {
                libraries.Add(Plain(loader));
            }

            foreach (var name in architecture?.MuslLibraries ?? [])
            {
                libraries.Add(Plain(name));
            }
        }
        else
        {
            var arm32 = architecture?.Machine == ElfMachine.Arm;
            version = Version(major >= 10 || (arm32 && major >= 9) ? (arm32 ? "2.35" : "2.27") : "2.23");
            var ceiling = new Dictionary<string, VersionNumber>(StringComparer.Ordinal) { ["GLIBC"] = version };
            foreach (var loader in architecture?.GlibcLoaders ?? [])
            {
                libraries.Add(new TargetLibrary(loader, null, [], ceiling));
            }

            foreach (var name in GlibcLibraries)
            {
                libraries.Add(new TargetLibrary(name, null, [], ceiling));
            }
        }

        // .NET's documented dependencies (os-packages.json): the compiler runtimes, OpenSSL, ICU and zlib. Their
        // versions on the oldest supported system are not in the data, so nothing is claimed about them.
        foreach (var name in DocumentedDependencies)
        {
            libraries.Add(Plain(name));
        }

        var libcName = rid.Libc == LibcFlavor.Musl ? "musl" : "glibc";
        var tfm = "net" + major.ToString(CultureInfo.InvariantCulture) + ".0" + (MajorVersion(targetFramework) == 0 ? " (no TFM given: the newest .NET)" : string.Empty);
        return new TargetDescription(IdPrefix, TargetKind.Floor, rid.ArchitectureName, rid.Libc == LibcFlavor.Musl ? LibcFlavor.Musl : LibcFlavor.Glibc, version, libraries)
        {
            Title = $".NET's floor for {tfm} on {rid.RuntimeIdentifier}: {libcName} {version.Text} with .NET's documented dependencies",
            Source = "dotnet/core release-notes supported-os.md and os-packages.json (../shared/data/targets.md)",
            LibcSymbols = rid.Libc == LibcFlavor.Musl
                ? TargetCatalogue.MuslSymbols("musl-" + version.Text, architecture?.MachineName ?? "x86_64")
                : null,
        };
    }

    /// <summary>net8.0 -> 8, net10.0-linux -> 10, netstandard2.0 / null -> 0.</summary>
    public static int MajorVersion(string? targetFramework)
    {
        var text = (targetFramework ?? string.Empty).Trim().ToLowerInvariant();
        if (!text.StartsWith("net", StringComparison.Ordinal) || text.StartsWith("netstandard", StringComparison.Ordinal) || text.StartsWith("netcoreapp", StringComparison.Ordinal))
        {
            return 0;
        }

        var end = 3;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        return end > 3 && int.TryParse(text.Substring(3, end - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
    }

    private static readonly string[] GlibcLibraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libanl.so.1",
    ];

    private static readonly string[] DocumentedDependencies =
    [
        "libgcc_s.so.1", "libstdc++.so.6", "libssl.so.3", "libcrypto.so.3", "libssl.so.1.1", "libcrypto.so.1.1", "libz.so.1",

        // Some ICU release is present; which one is not known, so a family entry, never an exact NEEDED match.
        "libicuuc.so.*", "libicui18n.so.*",
    ];

    private static TargetLibrary Plain(string name) => new(name, null, [], new Dictionary<string, VersionNumber>(StringComparer.Ordinal));

    private static VersionNumber Version(string text) => VersionNumber.TryParse(text, out var version) ? version! : throw new InvalidOperationException(text);
}
