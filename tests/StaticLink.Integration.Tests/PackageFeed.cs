using System;
using System.Globalization;
using System.IO;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// Packs StaticLink.Sdk once for the whole run into a temporary folder feed. Each run gets its own version, so the
/// global NuGet cache can never serve a package from an earlier run; that version is removed from the cache at the end.
/// </summary>
[SetUpFixture]
public sealed class PackageFeed
{
    private static string? _version;
    private static string? _workDirectory;

    public static string Version => _version ?? throw new InvalidOperationException("the package has not been packed");

    /// <summary>Root of everything this run creates: the feed and one folder per scenario.</summary>
    public static string WorkDirectory => _workDirectory ?? throw new InvalidOperationException("the package has not been packed");

    public static string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>True when a test failed, so that the scenario folders and binary logs are kept for inspection.</summary>
    public static bool KeepWorkDirectory { get; set; }

    [OneTimeSetUp]
    public void Pack()
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _version = $"0.1.0-test.{stamp}.{Environment.ProcessId}";
        _workDirectory = Path.Combine(Path.GetTempPath(), $"staticlink-it-{stamp}-{Environment.ProcessId}");
        Directory.CreateDirectory(FeedDirectory);

        var result = DotNetCli.Run(
            RepositoryLayout.Root,
            ["pack", RepositoryLayout.SdkProject, "-c", "Release", "-o", FeedDirectory, $"-p:StaticLinkVersion={Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            // A Release build of three task frameworks plus a ReadyToRun publish: about a minute alone, far more on a busy machine.
            TimeSpan.FromMinutes(15));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(Path.Combine(FeedDirectory, $"StaticLink.Sdk.{Version}.nupkg")), Is.True, result.ToString());
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_version is null)
        {
            return;
        }

        EvictFromGlobalPackages(["StaticLink.Sdk", .. ToolPackage.PackageIds]);
        if (KeepWorkDirectory)
        {
            TestContext.Progress.WriteLine($"Integration test projects and binary logs kept in {WorkDirectory}");
        }
        else
        {
            DeleteQuietly(WorkDirectory);
        }
    }

    /// <summary>Removes this run's version of each package from the global packages folder (restore and dnx put them there).</summary>
    public static void EvictFromGlobalPackages(string[] packageIds)
    {
        foreach (var id in packageIds)
        {
            DeleteQuietly(Path.Combine(GlobalPackagesFolder(), id.ToLowerInvariant(), Version.ToLowerInvariant()));
        }
    }

    public static string GlobalPackagesFolder()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : configured;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
