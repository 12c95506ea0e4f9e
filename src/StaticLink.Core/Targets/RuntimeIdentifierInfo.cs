using System;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Targets;

/// <summary>
/// The one runtime-identifier parser: is it Linux, which C library does it imply, which architecture, and whether
/// StaticLink checks its output at all. linux-musl-* and alpine* mean musl; linux-bionic-* and android* mean bionic;
/// linux-* and the distribution RIDs (ubuntu.22.04-x64, rhel.8-x64, ...) mean glibc.
/// </summary>
public sealed class RuntimeIdentifierInfo
{
    private static readonly string[] GlibcDistributionPrefixes =
    [
        "linux", "ubuntu", "debian", "rhel", "centos", "fedora", "opensuse", "sles", "ol", "tizen", "linuxmint", "gentoo", "exherbo", "arch", "manjaro", "almalinux", "rocky",
    ];

    private RuntimeIdentifierInfo(string runtimeIdentifier, bool isLinux, LibcFlavor libc, string architectureName, TargetArchitecture? architecture)
    {
        RuntimeIdentifier = runtimeIdentifier;
        IsLinux = isLinux;
        Libc = libc;
        ArchitectureName = architectureName;
        Architecture = architecture;
    }

    public string RuntimeIdentifier { get; }

    public bool IsLinux { get; }

    /// <summary>Glibc, Musl or Bionic for Linux RIDs; None otherwise.</summary>
    public LibcFlavor Libc { get; }

    /// <summary>The RID's last part as written, e.g. x64.</summary>
    public string ArchitectureName { get; }

    /// <summary>Null when the architecture is not one StaticLink knows.</summary>
    public TargetArchitecture? Architecture { get; }

    public static RuntimeIdentifierInfo Parse(string? runtimeIdentifier)
    {
        var rid = (runtimeIdentifier ?? string.Empty).Trim();
        var lastDash = rid.LastIndexOf('-');
        if (lastDash <= 0 || lastDash == rid.Length - 1)
        {
            return new RuntimeIdentifierInfo(rid, false, LibcFlavor.None, string.Empty, null);
        }

        var system = rid.Substring(0, lastDash).ToLowerInvariant();
        var architectureName = rid.Substring(lastDash + 1);
        var architecture = TargetArchitecture.FromRidName(architectureName);

        var libc = LibcFlavor.None;
        if (system == "linux-musl" || system.StartsWith("alpine", StringComparison.Ordinal))
        {
            libc = LibcFlavor.Musl;
        }
        else if (system == "linux-bionic" || system.StartsWith("android", StringComparison.Ordinal))
        {
            libc = LibcFlavor.Bionic;
        }
        else if (IsGlibcSystem(system))
        {
            libc = LibcFlavor.Glibc;
        }

        return new RuntimeIdentifierInfo(rid, libc != LibcFlavor.None, libc, architectureName, architecture);
    }

    /// <summary>
    /// Null when StaticLink checks this RID's output (every glibc and musl RID, distribution RIDs included); else why
    /// not, e.g. "win-x64 is not a Linux runtime identifier": the MSBuild task skips such a publish with that message.
    /// No RID at all is not a reason to skip but a configuration problem, so it is null too.
    /// </summary>
    public string? SkipReason =>
        RuntimeIdentifier.Length == 0 ? null
        : !IsLinux ? RuntimeIdentifier + " is not a Linux runtime identifier"
        : Libc == LibcFlavor.Bionic ? RuntimeIdentifier + " is an Android (bionic) runtime identifier, which StaticLink has no rules for"
        : null;

    public override string ToString() => RuntimeIdentifier;

    private static bool IsGlibcSystem(string system)
    {
        // Distribution RIDs (ubuntu.22.04-x64, rhel.8-x64, ...) are the pre-.NET 8 spelling of linux-*.
        var name = system;
        var dot = name.IndexOf('.');
        if (dot > 0)
        {
            name = name.Substring(0, dot);
        }

        foreach (var prefix in GlibcDistributionPrefixes)
        {
            if (name == prefix)
            {
                return true;
            }
        }

        return false;
    }
}
