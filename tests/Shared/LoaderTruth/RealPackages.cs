using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Real NuGet packages with native Linux assets, restored once into the harness's cache so tests can ask the real
/// loaders about the files users actually ship.
/// </summary>
internal static class RealPackages
{
    /// <summary>Packages whose runtimes/linux*/native files the loader-truth table covers.</summary>
    public static readonly IReadOnlyList<NuGetPackage> WithNativeLinuxAssets =
    [
        new("SQLitePCLRaw.lib.e_sqlite3", "3.53.3"),
        new("SQLitePCLRaw.lib.e_sqlite3", "2.1.11"),
        new("SkiaSharp.NativeAssets.Linux", "3.119.0"),
        new("librdkafka.redist", "2.16.0"),
        new("NetVips.Native.linux-x64", "8.18.7"),
        new("NetVips.Native.linux-musl-x64", "8.18.7"),
        new("Mono.Posix.NETStandard", "1.0.0"),
        new("Microsoft.ML.OnnxRuntime", "1.31.1"),
        new("RocksDB", "11.12.0.7641"),
        new("Grpc.Core", "2.46.5"),
    ];

    /// <summary>The folder the packages are restored into (NuGet's global-packages layout: id/version/).</summary>
    public static string PackagesDirectory => Path.Combine(LoaderTruthPaths.CacheDirectory, "nuget");

    /// <summary>
    /// Restores <paramref name="packages"/> (each in its own throw-away project, so two versions of one id can be
    /// had) and returns each package's folder. Only the machine's own package sources are used: the temporary
    /// project sits outside the repository, so the repository's nuget.config does not apply, and none is written.
    /// </summary>
    public static IReadOnlyDictionary<NuGetPackage, string> Restore(IEnumerable<NuGetPackage> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var folders = new Dictionary<NuGetPackage, string>();
        foreach (var package in packages)
        {
            var folder = Path.Combine(PackagesDirectory, package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());
            // NuGet writes the .nupkg.metadata file last; its presence means the extraction finished.
            if (!File.Exists(Path.Combine(folder, ".nupkg.metadata")))
            {
                RestoreOne(package);
            }

            if (!File.Exists(Path.Combine(folder, ".nupkg.metadata")))
            {
                throw new InvalidOperationException($"restoring {package} did not produce {folder}; is that version served?");
            }

            folders[package] = folder;
        }

        return folders;
    }

    /// <summary>The native files of a package for Linux, as paths relative to its folder, e.g. runtimes/linux-x64/native/libe_sqlite3.so.</summary>
    public static IReadOnlyList<string> NativeLinuxFiles(string packageFolder)
    {
        var runtimes = Path.Combine(packageFolder, "runtimes");
        if (!Directory.Exists(runtimes))
        {
            return [];
        }

        return Directory.GetDirectories(runtimes, "linux*")
            .Select(rid => Path.Combine(rid, "native"))
            .Where(Directory.Exists)
            .SelectMany(native => Directory.GetFiles(native))
            .Select(file => Path.GetRelativePath(packageFolder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void RestoreOne(NuGetPackage package)
    {
        var project = Directory.CreateTempSubdirectory("loader-truth-restore-");
        try
        {
            // Directory.Build.props/Directory.Packages.props of the repository are not above a temp folder, so the
            // project states everything it needs itself.
            File.WriteAllText(Path.Combine(project.FullName, "Restore.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                    <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{package.Id}" Version="[{package.Version}]" />
                  </ItemGroup>
                </Project>
                """);
            var result = DotNetCli.Run(project.FullName, ["restore", "--packages", PackagesDirectory], TimeSpan.FromMinutes(10));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"restoring {package} failed:\n{result}");
            }
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }
}
