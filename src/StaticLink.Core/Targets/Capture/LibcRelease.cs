#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets.Capture;

/// <summary>Which release of its C library a root has, read from the library itself or the package database.</summary>
internal static class LibcRelease
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// glibc's libc.so.6 carries its banner ("GNU C Library (Debian GLIBC 2.36-9) stable release version 2.36.",
    /// csu/version.c), which is what `libc.so.6` prints when run. Null when the string is absent.
    /// </summary>
    public static VersionNumber? GlibcFromBanner(string hostPath)
    {
        var text = ReadLatin1(hostPath);
        if (text is null)
        {
            return null;
        }

        var match = Regex.Match(text, @"release version (\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant, RegexTimeout);
        return match.Success && VersionNumber.TryParse(match.Groups[1].Value, out var version) ? version : null;
    }

    /// <summary>The newest GLIBC_x.y a libc defines: the release when the banner is stripped (glibc adds one per release that changes its ABI, so this is a lower bound).</summary>
    public static VersionNumber? GlibcFromVersions(TargetLibrary libc) => libc.Newest("GLIBC");

    /// <summary>
    /// musl: first the package database (Alpine's lib/apk/db/installed "P:musl" + "V:1.2.5-r1"; dpkg's status file),
    /// then the loader's own bytes: musl's loader prints "musl libc (ARCH)\nVersion %s" with __libc_version
    /// (src/internal/version.c, the VERSION string of the release tag), a NUL-terminated "1.2.3" among its strings.
    /// </summary>
    public static VersionNumber? Musl(RootPath root, string loaderHostPath)
    {
        return FromApkDatabase(root) ?? FromDpkgStatus(root) ?? FromMuslLoaderBytes(loaderHostPath);
    }

    private static VersionNumber? FromApkDatabase(RootPath root)
    {
        var text = LoaderSearchPath.ReadSmallTextUpTo(root, "/lib/apk/db/installed", 64 << 20);
        if (text is null)
        {
            return null;
        }

        var match = Regex.Match(text, @"^P:musl\n(?:[^\n]+\n)*?V:(\d+\.\d+\.\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, RegexTimeout);
        return match.Success && VersionNumber.TryParse(match.Groups[1].Value, out var version) ? version : null;
    }

    private static VersionNumber? FromDpkgStatus(RootPath root)
    {
        var text = LoaderSearchPath.ReadSmallTextUpTo(root, "/var/lib/dpkg/status", 64 << 20);
        if (text is null)
        {
            return null;
        }

        var match = Regex.Match(text, @"^Package: musl\n(?:[^\n]+\n)*?Version: (?:\d+:)?(\d+\.\d+\.\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, RegexTimeout);
        return match.Success && VersionNumber.TryParse(match.Groups[1].Value, out var version) ? version : null;
    }

    private static VersionNumber? FromMuslLoaderBytes(string hostPath)
    {
        var text = ReadLatin1(hostPath);
        var marker = text?.IndexOf("musl libc (", StringComparison.Ordinal) ?? -1;
        if (text is null || marker < 0)
        {
            return null;
        }

        // The version string sits among the loader's other read-only strings; the first bare release after the banner is it.
        var versions = Regex.Matches(text, @"(?<=\0)1\.\d+\.\d+(?=\0)", RegexOptions.CultureInvariant, RegexTimeout);
        Match? chosen = null;
        foreach (Match candidate in versions)
        {
            if (candidate.Index > marker)
            {
                chosen = candidate;
                break;
            }

            chosen ??= candidate;
        }

        return chosen is not null && VersionNumber.TryParse(chosen.Value, out var version) ? version : null;
    }

    /// <summary>A library as Latin-1 text, so a regular expression can search its bytes; null when it cannot be read.</summary>
    private static string? ReadLatin1(string hostPath)
    {
        const long MaximumLength = 64L << 20;
        try
        {
            var info = new FileInfo(hostPath);
            if (!info.Exists || info.Length < ElfHeaderLength || info.Length > MaximumLength)
            {
                return null;
            }

            return Encoding.Latin1.GetString(File.ReadAllBytes(hostPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int ElfHeaderLength = 52;
}
#endif
