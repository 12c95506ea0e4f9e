#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets.Capture;

/// <summary>The directories a root's dynamic loader searches for a NEEDED name, in its order.</summary>
internal static class LoaderSearchPath
{
    /// <summary>ldconfig stops following include lines this deep; a file that includes itself would never end.</summary>
    private const int MaximumIncludeDepth = 16;

    /// <summary>
    /// glibc: the directories of /etc/ld.so.conf (what ldconfig puts into ld.so.cache), then the loader's built-in
    /// system directories. Debian and Ubuntu build glibc with multiarch, and their loader's "ld.so --help" lists
    /// "/lib/&lt;triplet&gt;, /usr/lib/&lt;triplet&gt;, /lib, /usr/lib (system search path)"; upstream glibc (RHEL,
    /// Amazon Linux, Azure Linux) uses slibdir, which is /lib64 and /usr/lib64 on 64-bit targets (configure's
    /// libc_cv_slibdir in sysdeps/unix/sysv/linux/{x86_64,aarch64,...}) and /lib and /usr/lib elsewhere.
    /// </summary>
    public static List<string> Glibc(RootPath root, TargetArchitecture architecture)
    {
        var directories = new List<string>();
        ReadLdSoConf(root, "/etc/ld.so.conf", directories, 0);
        if (DebianTriplet(architecture) is { } triplet)
        {
            directories.Add("/lib/" + triplet);
            directories.Add("/usr/lib/" + triplet);
        }

        if (architecture.Class == ElfClass.Elf64)
        {
            directories.Add("/lib64");
            directories.Add("/usr/lib64");
        }

        directories.Add("/lib");
        directories.Add("/usr/lib");
        return directories;
    }

    /// <summary>
    /// musl: the lines (or colon-separated parts) of /etc/ld-musl-&lt;arch&gt;.path, which replaces the built-in
    /// default; without it musl's default "/lib:/usr/local/lib:/usr/lib" (ldso/dynlink.c, sys_path).
    /// </summary>
    public static List<string> Musl(RootPath root, string muslArchName)
    {
        var text = ReadSmallText(root, "/etc/ld-musl-" + muslArchName + ".path");
        if (text is null)
        {
            return ["/lib", "/usr/local/lib", "/usr/lib"];
        }

        var directories = new List<string>();
        foreach (var part in text.Split(['\n', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var directory = part.Trim();
            if (directory.Length > 0)
            {
                directories.Add(directory);
            }
        }

        return directories;
    }

    /// <summary>The Debian multiarch tuple of an architecture (dpkg-architecture's DEB_HOST_MULTIARCH).</summary>
    public static string? DebianTriplet(TargetArchitecture architecture) => architecture.RidName switch
    {
        "x64" => "x86_64-linux-gnu",
        "arm64" => "aarch64-linux-gnu",
        "arm" => "arm-linux-gnueabihf",
        "x86" => "i386-linux-gnu",
        "s390x" => "s390x-linux-gnu",
        "ppc64le" => "powerpc64le-linux-gnu",
        "riscv64" => "riscv64-linux-gnu",
        "loongarch64" => "loongarch64-linux-gnu",
        _ => null,
    };

    /// <summary>
    /// ld.so.conf as ldconfig reads it (elf/ldconfig.c, parse_conf): one directory a line (or several separated by
    /// spaces, tabs, commas or colons), "#" comments, "include GLOB" relative to the including file's directory,
    /// "hwcap" lines ignored.
    /// </summary>
    private static void ReadLdSoConf(RootPath root, string file, List<string> directories, int depth)
    {
        if (depth > MaximumIncludeDepth || ReadSmallText(root, file) is not { } text)
        {
            return;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? rawLine[..hash] : rawLine).Trim();
            if (line.Length == 0 || line.StartsWith("hwcap ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("include", StringComparison.Ordinal) && line.Length > 7 && char.IsWhiteSpace(line[7]))
            {
                foreach (var pattern in line[8..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var absolute = pattern.StartsWith('/') ? pattern : DirectoryOf(file) + "/" + pattern;
                    foreach (var included in Glob(root, absolute))
                    {
                        ReadLdSoConf(root, included, directories, depth + 1);
                    }
                }

                continue;
            }

            foreach (var directory in line.Split([' ', '\t', ',', ':'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (directory.StartsWith('/'))
                {
                    directories.Add(directory.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
                }
            }
        }
    }

    /// <summary>A glob (* ? [..] in the last part, as ld.so.conf.d/*.conf), inside the root, sorted as glob(3) sorts.</summary>
    private static List<string> Glob(RootPath root, string pattern)
    {
        var matches = new List<string>();
        var directory = DirectoryOf(pattern);
        var namePattern = ForwardSlashPath.FileName(pattern);
        if (namePattern.IndexOfAny(['*', '?', '[']) < 0)
        {
            matches.Add(pattern);
            return matches;
        }

        var resolved = root.Resolve(directory);
        if (resolved is null || !Directory.Exists(root.ToHost(resolved)))
        {
            return matches;
        }

        var regex = new Regex("^" + Regex.Escape(namePattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal).Replace(@"\[", "[", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(root.ToHost(resolved)))
            {
                var name = Path.GetFileName(entry);
                if (!name.StartsWith('.') && regex.IsMatch(name))
                {
                    matches.Add(directory.TrimEnd('/') + "/" + name);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return matches;
        }

        matches.Sort(StringComparer.Ordinal);
        return matches;
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? string.Empty : path[..slash];
    }

    /// <summary>A configuration file's text, following links inside the root; null when absent, unreadable or not a file.</summary>
    internal static string? ReadSmallText(RootPath root, string pathInRoot) => ReadSmallTextUpTo(root, pathInRoot, 1 << 20);

    /// <summary>As <see cref="ReadSmallText"/>, for a file that may be larger (a package database).</summary>
    internal static string? ReadSmallTextUpTo(RootPath root, string pathInRoot, long maximumLength)
    {
        if (root.Resolve(pathInRoot) is not { } resolved)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(root.ToHost(resolved));
            // A FIFO or device reports length 0 and would block or never end: only regular, non-empty files are read.
            if (!info.Exists || info.Length == 0 || info.Length > maximumLength || info.Attributes.HasFlag(FileAttributes.Directory))
            {
                return null;
            }

            return File.ReadAllText(info.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
#endif
