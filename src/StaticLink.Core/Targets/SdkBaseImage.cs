using System;
using System.Globalization;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets;

/// <summary>
/// The base image the .NET SDK's container support picks for a project, computed the way dotnet/sdk's
/// ComputeDotnetBaseImageAndTag does (summarised in ../shared/data/targets.md): a set ContainerBaseImage wins;
/// otherwise the repository is runtime-deps for self-contained and NativeAOT apps, aspnet for ASP.NET Core, runtime
/// else; the tag is the TFM's major.minor, then -alpine for musl RIDs, -noble-chiseled for trimmed or NativeAOT glibc
/// apps (with -extra unless invariant globalization), or the ContainerFamily.
/// </summary>
public static class SdkBaseImage
{
    private const string Registry = "mcr.microsoft.com/dotnet/";

    /// <summary>The image reference, or null when the TFM gives no tag (not a .NET 8+ project).</summary>
    public static string? Compute(ContainerSettings settings, RuntimeIdentifierInfo rid)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        if (rid is null)
        {
            throw new ArgumentNullException(nameof(rid));
        }

        if (!string.IsNullOrWhiteSpace(settings.BaseImage))
        {
            return settings.BaseImage!.Trim();
        }

        var major = DotNetFloor.MajorVersion(settings.TargetFramework);
        if (major < 8)
        {
            return null;
        }

        var repository = settings.SelfContained || settings.PublishAot ? "runtime-deps" : settings.UsesAspNetCore ? "aspnet" : "runtime";
        var tag = major.ToString(CultureInfo.InvariantCulture) + ".0";
        var musl = rid.Libc == LibcFlavor.Musl;
        var family = settings.Family?.Trim();
        if (!string.IsNullOrEmpty(family))
        {
            tag += "-" + family;
            if (!musl && family!.EndsWith("-chiseled", StringComparison.OrdinalIgnoreCase) && !settings.InvariantGlobalization)
            {
                tag += "-extra";
            }
        }
        else if (musl)
        {
            tag += "-alpine";
        }
        else if (settings.PublishAot || settings.PublishTrimmed)
        {
            tag += "-noble-chiseled" + (settings.InvariantGlobalization ? string.Empty : "-extra");
        }

        return Registry + repository + ":" + tag;
    }
}
