using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The engine process as the package ships it (tasks/engine/linux-x64/staticlink-engine): it starts on the oldest
/// glibc the package serves, a real publish is checked by it, and it says what MSBuild's own process says.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EngineProcessPackageTests : IntegrationTest
{
    private const string CheckedByEngine = "StaticLink: checked by the engine process ";

    [Test]
    public void The_packaged_engine_process_needs_GLIBC_2_17_at_most_and_starts_on_Debian_11()
    {
        var directory = Path.Combine(PackageFeed.WorkDirectory, "engine-process");
        Directory.CreateDirectory(directory);
        var program = Path.Combine(directory, "staticlink-engine");
        using (var package = ZipFile.OpenRead(Path.Combine(PackageFeed.FeedDirectory, $"StaticLink.Sdk.{PackageFeed.Version}.nupkg")))
        {
            package.GetEntry("tasks/engine/linux-x64/staticlink-engine")!.ExtractToFile(program, overwrite: true);
        }

        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        GlibcVersionNeeds.AssertAtMost2_17(program);

        // Bullseye's own loader starts it; with no request on its standard input it answers that it got none.
        var bullseye = DebianReleaseRoot.Bullseye("libc6");
        var run = RealLoader.RunApp(bullseye, directory, "staticlink-engine", []);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(70), run.Describe());
            Assert.That(run.StandardOutput, Does.StartWith("F\tInvalidDataException: the task speaks another version of the protocol"), run.Describe());
        });
    }

    [Test]
    public void A_publish_is_checked_by_the_engine_process_with_the_diagnostics_of_MSBuilds_process()
    {
        // An error, a message with a reason, and the information findings of every self-contained publish.
        var project = CreateRestoredProject("engine-process-parity", """<StaticLinkDeny Include="libm.so.6" Reason="the parity test denies it" />""");

        var inEngine = project.Publish("-r", "linux-x64", "--no-restore", "-v:d");
        var inMSBuild = project.Publish("-r", "linux-x64", "--no-restore", "-v:d", "-p:StaticLinkEngineProcess=false");

        var diagnostics = MSBuildDiagnostic.ParseAll(inEngine.Output);
        Assert.Multiple(() =>
        {
            Assert.That(inEngine.Output, Does.Contain(CheckedByEngine), "the engine process checked the publish");
            Assert.That(inMSBuild.Output, Does.Not.Contain(CheckedByEngine));
            Assert.That(inMSBuild.Output, Does.Contain(" checked against "), "MSBuild's process checked again: the setting is in the stamp");
            Assert.That(diagnostics.Select(diagnostic => diagnostic.Code), Does.Contain("SL1006").And.Contain("SL3001"), inEngine.ToString());
            Assert.That(diagnostics, Is.EquivalentTo(MSBuildDiagnostic.ParseAll(inMSBuild.Output)));
            Assert.That(inEngine.ExitCode, Is.EqualTo(inMSBuild.ExitCode));
            Assert.That(inEngine.Output, Does.Not.Contain("MSB4018"), "the task crashed");
        });
    }

    [Test]
    public void The_stamp_the_engine_process_writes_lets_the_next_unchanged_publish_skip_without_starting_it()
    {
        var project = CreateRestoredProject("engine-process-stamp", string.Empty);

        var first = project.Publish("-r", "linux-x64", "--no-restore", "-v:d");
        var second = project.Publish("-r", "linux-x64", "--no-restore", "-v:d");

        AssertSucceeded(first);
        AssertSucceeded(second);
        Assert.Multiple(() =>
        {
            Assert.That(first.Output, Does.Contain(CheckedByEngine).And.Contain(" checked against "), first.ToString());
            // The stamp names the task's assemblies in MSBuild, not the program: the task in MSBuild compares it alike.
            Assert.That(second.Output, Does.Contain("StaticLink: up to date").And.Not.Contain(CheckedByEngine), second.ToString());
        });

        // The pass the check gave is the real loader's: the app runs in a full glibc root, as .NET's floor promises.
        var run = RealLoader.RunApp(RootFilesystem.GlibcFull(), project.PublishDirectory("net10.0", "linux-x64"), "engine-process-stamp", []);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("Hello from StaticLink's tests"), run.Describe());
    }

    /// <summary>A self-contained net10.0 console app with the package and <paramref name="items"/>, restored for linux-x64.</summary>
    private static ScenarioProject CreateRestoredProject(string name, string items)
    {
        var project = ScenarioProject.Create(name, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <SelfContained>true</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                {ScenarioProject.PackageReference}
                {items}
              </ItemGroup>
            </Project>
            """);
        var restore = project.Restore("-r", "linux-x64");
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        return project;
    }
}
