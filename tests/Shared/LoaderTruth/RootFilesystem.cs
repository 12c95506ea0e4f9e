using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// A root filesystem made of real Debian 12 packages, unpacked (not installed: no maintainer scripts run) and then
/// made usable by its loader. Built once per package list under <see cref="LoaderTruthPaths.CacheDirectory"/> and
/// reused by every later test and test run.
/// </summary>
internal sealed class RootFilesystem
{
    /// <summary>Bumped when the way a root is made changes, so old cached roots are not reused.</summary>
    private const string RecipeVersion = "1";

    private static readonly Dictionary<string, RootFilesystem> Built = new(StringComparer.Ordinal);

    private RootFilesystem(string path, LibcFlavor flavor, IReadOnlyList<string> requested, IReadOnlyList<string> installed)
    {
        Path = path;
        Flavor = flavor;
        RequestedPackages = requested;
        InstalledPackages = installed;
    }

    /// <summary>The root's folder on the host.</summary>
    public string Path { get; }

    public LibcFlavor Flavor { get; }

    /// <summary>The package names asked for.</summary>
    public IReadOnlyList<string> RequestedPackages { get; }

    /// <summary>What was unpacked, one "Package Version Architecture" a line, as in the root's /packages.txt.</summary>
    public IReadOnlyList<string> InstalledPackages { get; }

    /// <summary>The root's loader, as a path inside the root.</summary>
    public string LoaderPath => Flavor == LibcFlavor.Glibc ? "/lib64/ld-linux-x86-64.so.2" : "/lib/ld-musl-x86_64.so.1";

    /// <summary>A runtime-only glibc system with what a self-contained .NET app and common native packages need.</summary>
    public static RootFilesystem GlibcFull() =>
        FromPackages("glibc-full", LibcFlavor.Glibc, "libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libssl3", "libicu72");

    /// <summary>glibc with the C++ runtime and nothing else.</summary>
    public static RootFilesystem GlibcBare() => FromPackages("glibc-bare", LibcFlavor.Glibc, "libc6", "libgcc-s1", "libstdc++6");

    /// <summary>glibc alone.</summary>
    public static RootFilesystem GlibcOnly() => FromPackages("glibc-only", LibcFlavor.Glibc, "libc6");

    /// <summary>
    /// Debian's musl (1.2.3): the loader /lib/ld-musl-x86_64.so.1, which is the C library itself, and nothing else,
    /// with the loader's search path set up as on Alpine (see <see cref="PrepareMusl"/>).
    /// </summary>
    public static RootFilesystem Musl() => FromPackages("musl", LibcFlavor.Musl, "musl");

    /// <summary>
    /// A root of any Debian packages (named exactly; no dependencies are added). <paramref name="name"/> only makes
    /// the cache folder readable; the package list and flavor are what key it.
    /// </summary>
    public static RootFilesystem FromPackages(string name, LibcFlavor flavor, params string[] packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var list = packages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = name + "-" + CachedBuild.Hash(RecipeVersion + " " + flavor + " " + string.Join(" ", list));
        lock (Built)
        {
            if (Built.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var directory = CachedBuild.Directory(
                System.IO.Path.Combine(LoaderTruthPaths.CacheDirectory, key),
                temporary => Build(temporary, flavor, list));
            var root = System.IO.Path.Combine(directory, "root");
            var installed = File.ReadAllLines(System.IO.Path.Combine(root, "packages.txt"))
                .Where(line => line.Length > 0)
                .ToList();
            var built = new RootFilesystem(root, flavor, list, installed);
            Built[key] = built;
            return built;
        }
    }

    /// <summary>The host path of <paramref name="pathInRoot"/> (an absolute path inside the root).</summary>
    public string HostPath(string pathInRoot) => System.IO.Path.Combine(Path, pathInRoot.TrimStart('/'));

    public override string ToString() => $"{System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path))} ({string.Join(", ", InstalledPackages)})";

    private static void Build(string directory, LibcFlavor flavor, IReadOnlyList<string> packages)
    {
        var debs = System.IO.Path.Combine(directory, "debs");
        var root = System.IO.Path.Combine(directory, "root");
        Directory.CreateDirectory(debs);
        Directory.CreateDirectory(root);

        // As root, apt downloads through its unprivileged _apt user unless told otherwise; that user cannot write to
        // our folder, and apt would say so on every build.
        ExternalTool.RunChecked("apt-get", new[] { "-o", "APT::Sandbox::User=root", "download" }.Concat(packages), debs);

        var manifest = new List<string>();
        foreach (var deb in Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal))
        {
            ExternalTool.RunChecked("dpkg-deb", ["-x", deb, root]);
            var fields = ExternalTool.RunChecked("dpkg-deb", ["-f", deb, "Package", "Version", "Architecture"])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            manifest.Add(string.Join(" ", fields));
        }

        if (flavor == LibcFlavor.Glibc)
        {
            PrepareGlibc(root);
        }
        else
        {
            PrepareMusl(root);
        }

        Directory.CreateDirectory(System.IO.Path.Combine(root, "app"));
        File.WriteAllLines(System.IO.Path.Combine(root, "packages.txt"), manifest);
    }

    /// <summary>
    /// Debian 12 is not merged-/usr: libc6 ships the loader in /lib/x86_64-linux-gnu and the ABI path
    /// /lib64/ld-linux-x86-64.so.2 as a symlink to it, which dpkg-deb -x keeps; it is made here only if a package
    /// lacks it. Unpacking runs no maintainer scripts, so the loader cache that libc-bin's ldconfig would write is
    /// made here: /etc/ld.so.conf as libc-bin ships it (it includes libc6's multiarch dirs), then ldconfig for the
    /// root, the root's own when it has one.
    /// </summary>
    private static void PrepareGlibc(string root)
    {
        var loader = System.IO.Path.Combine(root, "lib64", "ld-linux-x86-64.so.2");
        if (!File.Exists(loader) && new FileInfo(loader).LinkTarget is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(loader)!);
            File.CreateSymbolicLink(loader, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        }

        var configuration = System.IO.Path.Combine(root, "etc", "ld.so.conf");
        if (!File.Exists(configuration))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(configuration)!);
            File.WriteAllText(configuration, "include /etc/ld.so.conf.d/*.conf\n");
        }

        var ownLdconfig = new[] { "sbin/ldconfig", "usr/sbin/ldconfig" }.FirstOrDefault(path => File.Exists(System.IO.Path.Combine(root, path)));
        var result = ownLdconfig is not null
            ? ExternalTool.Run("chroot", [root, "/" + ownLdconfig])
            : ExternalTool.Run("ldconfig", ["-r", root]);
        if (result.ExitCode != 0 || !File.Exists(System.IO.Path.Combine(root, "etc", "ld.so.cache")))
        {
            throw new InvalidOperationException("ldconfig did not make the root's ld.so.cache: " + result.Describe());
        }
    }

    /// <summary>
    /// Debian's musl package ships /etc/ld-musl-x86_64.path naming only its multiarch dirs (/lib/x86_64-linux-musl,
    /// /usr/lib/x86_64-linux-musl). When that file exists musl's loader searches only what it lists, so a library in
    /// /lib or /usr/lib, where Alpine and every musl image keep them, would not be found. The file is rewritten to
    /// musl's built-in default when there is no file (/lib, /usr/local/lib, /usr/lib, which is what Alpine has),
    /// followed by Debian's dirs. The C library itself needs no search: musl's loader answers libc.so, libc.so.6,
    /// libc.musl-x86_64.so.1, libpthread.so.0, libdl.so.2 and the other reserved names with itself.
    /// </summary>
    private static void PrepareMusl(string root)
    {
        var loader = System.IO.Path.Combine(root, "lib", "ld-musl-x86_64.so.1");
        if (!File.Exists(loader))
        {
            throw new InvalidOperationException("the musl package did not provide /lib/ld-musl-x86_64.so.1 in " + root);
        }

        var pathFile = System.IO.Path.Combine(root, "etc", "ld-musl-x86_64.path");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(pathFile)!);
        File.WriteAllText(pathFile, "/lib\n/usr/local/lib\n/usr/lib\n/lib/x86_64-linux-musl\n/usr/lib/x86_64-linux-musl\n");
    }
}
