using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>
/// net10.0 console app, linux-x64, self-contained: the plain case that must pass the default target. Every test has
/// its own project and publishes what it needs itself, so the tests run in any order and alone.
/// </summary>
public sealed class SelfContainedLinuxX64Tests : IntegrationTest
{
    private static ScenarioProject CreateProject(string name)
    {
        var project = ScenarioProject.Create("selfcontained-" + name, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <SelfContained>true</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                {ScenarioProject.PackageReference}
              </ItemGroup>
              <ItemGroup Condition="'$(AcceptRuntimeLoads)' == 'true'">
                <!-- A '*' in an Include is expanded by MSBuild against the project folder: escape it as %2A, or use Pattern. -->
                <StaticLinkAllow Include="libssl.so.%2A" Reason="OpenSSL is in the base image" />
                <StaticLinkAllow Include="icu" Pattern="libicu*.so*" Reason="ICU is in the base image" />
                <StaticLinkAllow Include="libgssapi_krb5.so.2" Reason="Kerberos is in the base image" />
                <StaticLinkIgnore Include="libcoreclrtraceptprovider.so" Reason="we never trace with LTTng" />
              </ItemGroup>
            </Project>
            """);
        var restore = project.Restore("-r", "linux-x64");
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        return project;
    }

    private static ScenarioProject CreatePublishedProject(string name)
    {
        var project = CreateProject(name);
        var publish = project.Publish("-r", "linux-x64", "--no-restore");
        AssertSucceeded(publish);
        return project;
    }

    [Test]
    public void Publish_passes_the_default_target_with_no_warnings_and_the_LTTng_provider_as_information()
    {
        var project = CreateProject("passes");

        var result = project.Publish("-r", "linux-x64", "--no-restore");

        AssertSucceeded(result);
        // Nothing at warning level: the LTTng provider and the GSSAPI dlopen candidate are information SL3001.
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        var lttng = Infos(result, "SL3001").Where(info => info.File.EndsWith("libcoreclrtraceptprovider.so", System.StringComparison.Ordinal)).ToArray();
        Assert.That(lttng, Has.Length.EqualTo(1), result.ToString());
        Assert.That(lttng[0].File, Is.EqualTo(Path.Combine(project.PublishDirectory("net10.0", "linux-x64"), "libcoreclrtraceptprovider.so")));
        Assert.That(lttng[0].Message, Does.Contain("It comes from the .NET runtime (Microsoft.NETCore.App.Runtime.linux-x64 "));
        Assert.That(lttng[0].Message, Does.Contain("needs liblttng-ust.so.0"));
        Assert.That(lttng[0].Message, Does.Contain("<ContainerEnvironmentVariable Include=\"DOTNET_LTTng\" Value=\"0\" />"), "the fix, rendered as MSBuild");

        var report = Path.Combine(project.IntermediateDirectory("net10.0", "linux-x64"), "staticlink", "report.json");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("16 native files checked against ").And.Contain(": passed, 0 errors, 0 warnings. Report: " + report), "the verdict line names the target and the report");
            Assert.That(result.Output, Does.Contain("libcoreclr.so"), "the summary lists the native files");
            Assert.That(File.Exists(report), Is.True);
            // No StaticLinkTarget and no container publish: .NET's floor for net10.0 (glibc 2.27), which the runtime meets.
            Assert.That(result.Output, Does.Contain("(linux-x64, target dotnet-floor)"));
            Assert.That(result.Output, Does.Contain("checked against dotnet-floor"));
        });
        Assert.That(File.ReadAllText(report), Does.Contain("libSystem.Native.so"));
    }

    [Test]
    public void A_second_publish_without_change_skips_the_scan()
    {
        var project = CreatePublishedProject("incremental");

        var second = project.Publish("-r", "linux-x64", "--no-restore");

        AssertSucceeded(second);
        Assert.Multiple(() =>
        {
            Assert.That(second.Output, Does.Contain("StaticLink: up to date, the publish output and the settings are unchanged since the last successful check. Report: "), second.ToString());
            Assert.That(Infos(second, "SL3001"), Is.Empty, "an up-to-date check logs nothing again");
            Assert.That(second.Output, Does.Not.Contain("native files checked against"), "no verdict line from a skipped scan");
        });
    }

    [Test]
    public void A_changed_setting_runs_the_check_again_even_without_a_changed_file()
    {
        var project = CreatePublishedProject("changed-setting");

        var result = project.Publish("-r", "linux-x64", "--no-restore", "-p:StaticLinkMaxGlibcVersion=2.17");

        Assert.That(result.Output, Does.Not.Contain("StaticLink: up to date"), result.ToString());
        // glibc 2.17 is below what the .NET 10 runtime needs (GLIBC_2.27 from libm.so.6): SL1004 on libcoreclr.so and others.
        Assert.That(MSBuildDiagnostic.Parse(result.Output).Select(diagnostic => diagnostic.Code), Does.Contain("SL1004"), result.ToString());
        var coreclr = Diagnostics(result, "SL1004").Single(diagnostic => diagnostic.File.EndsWith("/libcoreclr.so", System.StringComparison.Ordinal));
        Assert.That(coreclr.Message, Does.Contain("GLIBC_2.27").And.Contain("libm.so.6").And.Contain("2.17"));
    }

    [Test]
    public void The_StaticLinkCheck_target_runs_alone_on_the_existing_publish_directory()
    {
        var project = CreatePublishedProject("target-alone");

        var result = project.MSBuild("-t:StaticLinkCheck", "-p:RuntimeIdentifier=linux-x64", "-p:StaticLinkSummaryImportance=high", "-p:StaticLinkMaxGlibcVersion=2.40");

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("StaticLink: up to date"), "a changed setting checks again: " + result);
        Assert.That(Infos(result, "SL3001").Select(info => Path.GetFileName(info.File)), Does.Contain("libcoreclrtraceptprovider.so"), result.ToString());
        Assert.That(result.Output, Does.Contain("libcoreclr.so"), "the summary table is printed");
        Assert.That(result.Output, Does.Contain("16 native files checked against ").And.Contain(": passed, 0 errors, 0 warnings."));
    }

    [Test]
    public void The_netstandard2_0_task_build_used_by_Visual_Studio_gives_the_same_verdict()
    {
        var project = CreatePublishedProject("netstandard");
        var package = Path.Combine(PackageFeed.GlobalPackagesFolder(), "staticlink.sdk", PackageFeed.Version.ToLowerInvariant());
        var netstandardTask = Path.Combine(package, "tasks", "netstandard2.0", "StaticLink.Tasks.dll");
        Assert.That(File.Exists(netstandardTask), Is.True, netstandardTask);

        var result = project.MSBuild("-t:StaticLinkCheck", "-p:RuntimeIdentifier=linux-x64", $"-p:_StaticLinkTasksAssembly={netstandardTask}");

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(Infos(result, "SL3001").Select(info => Path.GetFileName(info.File)), Does.Contain("libcoreclrtraceptprovider.so"), result.ToString());
        Assert.That(result.Output, Does.Contain("16 native files checked against ").And.Contain(": passed, 0 errors, 0 warnings."));
    }

    [Test]
    public void Allow_and_ignore_items_with_escaped_globs_and_Pattern_metadata_silence_every_warning()
    {
        var project = CreateProject("allow-ignore");

        var result = project.Publish("-r", "linux-x64", "--no-restore", "-p:AcceptRuntimeLoads=true");

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(Infos(result, "SL3001").Select(info => Path.GetFileName(info.File)), Does.Not.Contain("libcoreclrtraceptprovider.so"), result.ToString());
        Assert.That(result.Output, Does.Contain("1 ignored"), "the summary counts the ignored LTTng provider");
    }

    [Test]
    public void Running_the_target_alone_before_any_publish_is_SL1007_not_a_crash()
    {
        var project = CreateProject("before-publish");

        var result = project.MSBuild("-t:StaticLinkCheck", "-p:RuntimeIdentifier=linux-x64");

        AssertFailedCleanly(result);
        var error = Diagnostics(result, "SL1007").Single();
        Assert.That(error.File, Is.EqualTo(project.ProjectFile));
        Assert.That(error.Message, Does.Contain(project.PublishDirectory("net10.0", "linux-x64")));
        Assert.That(error.Message, Does.Contain("Run Publish first"));
    }

    [TestCase("-p:RuntimeIdentifier=osx-arm64", "osx-arm64 is not a Linux runtime identifier")]
    [TestCase("-p:RuntimeIdentifier=win-x64", "win-x64 is not a Linux runtime identifier")]
    [TestCase("-p:StaticLinkEnabled=false", "StaticLinkEnabled is false")]
    [TestCase("-p:DesignTimeBuild=true", "this is a design-time build")]
    public void The_check_is_skipped_with_a_low_importance_message(string setting, string reason)
    {
        var project = CreateProject("skipped-" + TestContext.CurrentContext.Test.ID);

        var result = project.MSBuild("-t:StaticLinkCheck", "-p:RuntimeIdentifier=linux-x64", setting, "-v:d");

        AssertSucceeded(result);
        Assert.That(result.Output, Does.Contain($"StaticLink: check skipped because {reason}."), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("Task \"StaticLink.Tasks.StaticLinkCheck\""), "the task must not run");
        Assert.That(result.Output, Does.Not.Contain("error SL"), "the task must not run");
    }

    /// <summary>A distribution RID is a Linux RID: the check runs (and, with nothing published for it, says so) instead of being skipped.</summary>
    [TestCase("ubuntu.22.04-x64")]
    [TestCase("alpine.3.18-x64")]
    public void A_distribution_rid_is_checked_not_skipped(string rid)
    {
        var project = CreateProject("distribution-rid-" + rid);

        var result = project.MSBuild("-t:StaticLinkCheck", "-p:RuntimeIdentifier=" + rid, "-v:d");

        Assert.That(result.Output, Does.Not.Contain("StaticLink: check skipped because"), result.ToString());
        // The task ran: it found no publish output for that RID (nothing was published for it) and said so.
        Assert.That(result.Output, Does.Contain("error SL1007: The publish directory"), "the task runs for a distribution RID: " + result);
        Assert.That(result.Output, Does.Contain(rid + "/publish"), result.ToString());
    }
}
