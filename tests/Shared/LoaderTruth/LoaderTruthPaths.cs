using System;
using System.IO;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Where the loader-truth harness keeps what it builds once and reuses: root filesystems, the chroot helper and
/// restored NuGet packages. They are large and slow to make, so they live outside the test's bin folder and survive a
/// clean build.
/// </summary>
internal static class LoaderTruthPaths
{
    private static readonly Lazy<string> RepositoryRootDirectory = new(FindRepositoryRoot);

    /// <summary>The repository root: the first folder above the test assembly holding StaticLink.slnx.</summary>
    public static string RepositoryRoot => RepositoryRootDirectory.Value;

    /// <summary>The cache folder: $STATICLINK_TEST_ROOTS, or artifacts/roots/ of the repository.</summary>
    public static string CacheDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("STATICLINK_TEST_ROOTS");
            var directory = string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(RepositoryRoot, "artifacts", "roots")
                : Path.GetFullPath(configured);
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StaticLink.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"StaticLink.slnx not found above {AppContext.BaseDirectory}");
    }
}
