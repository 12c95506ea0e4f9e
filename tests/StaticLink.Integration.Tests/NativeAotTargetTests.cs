using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// net8.0 NativeAOT hello, linux-x64, built on this Debian 12 machine (glibc 2.36): the executable needs GLIBC_2.34.
/// The default target (.NET's floor for net8.0, glibc 2.23) warns; debian.11 (glibc 2.31) fails; debian.12 passes.
/// The verdicts are proved with a real Debian 11 root (bullseye's libc6) and a Debian 12 root.
/// </summary>
public sealed class NativeAotTargetTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string Greeting = "Hello from NativeAOT";

    [Test]
    public void The_default_floor_warns_SL2005_naming_GLIBC_2_34_and_where_it_will_not_start_and_bullseye_really_refuses_it()
    {
        var project = AotProject("aotfloor", target: null);
        var output = project.PublishDirectory("net8.0", Rid);
        var executable = Path.Combine(output, "aotfloor");

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(result.Output, Does.Contain("(linux-x64, target dotnet-floor)"), result.ToString());
        var warnings = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "warning").ToArray();
        TestContext.Out.WriteLine(string.Join("\n", warnings.Select(warning => warning.ToString())));
        var floor = warnings.Single(warning => warning.Code == "SL2005" && warning.File == executable);
        Assert.Multiple(() =>
        {
            Assert.That(floor.Message, Does.Contain("aotfloor needs GLIBC_2.32, GLIBC_2.34 from libc.so.6, newer than .NET's floor for net8.0 on linux-x64: glibc 2.23"), result.ToString());
            Assert.That(floor.Message, Does.Contain("It will not start on amzn.2 (glibc 2.26), rhel.8 (glibc 2.28), debian.11 (glibc 2.31), ubuntu.20.04 (glibc 2.31)."));
            Assert.That(floor.Message, Does.Contain("__libc_start_main@GLIBC_2.34").And.Contain("pthread_getattr_np@GLIBC_2.32"), "the symbols are named");
            Assert.That(floor.Message, Does.Contain("<StaticLinkTarget>debian.12</StaticLinkTarget>"), "the fix names a target");
        });

        // The truth for "will not start on debian.11": bullseye's own loader refuses it; Debian 12's runs it.
        AssertBullseyeRefuses(output, "aotfloor");
        AssertRunsOnDebian12(output, "aotfloor");
    }

    [Test]
    public void Debian_11_is_SL1004_naming_its_glibc_and_the_symbols_and_bullseye_really_refuses_it()
    {
        var project = AotProject("aotdebian11", target: "debian.11");
        var output = project.PublishDirectory("net8.0", Rid);
        var executable = Path.Combine(output, "aotdebian11");

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var errors = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").ToArray();
        TestContext.Out.WriteLine(string.Join("\n", errors.Select(error => error.ToString())));
        Assert.That(errors.Select(error => error.Code).Distinct(), Is.EqualTo(new[] { "SL1004" }), result.ToString());
        var tooNew = errors.Single(error => error.File == executable);
        Assert.Multiple(() =>
        {
            Assert.That(tooNew.Message, Does.Contain("aotdebian11 needs GLIBC_2.32, GLIBC_2.34 from libc.so.6, which libc.so.6 of debian.11 (glibc 2.31) (its newest is GLIBC_2.30) does not define"), result.ToString());
            Assert.That(tooNew.Message, Does.Contain("version `GLIBC_2.34' not found"));
            Assert.That(tooNew.Message, Does.Contain("The 16 symbols that need it: "), "every symbol is named");
            Assert.That(tooNew.Message, Does.Contain("__libc_start_main@GLIBC_2.34").And.Contain("pthread_getattr_np@GLIBC_2.32"));
        });

        AssertBullseyeRefuses(output, "aotdebian11");
    }

    [Test]
    public void Debian_12_passes_and_the_app_really_runs_on_Debian_12()
    {
        var project = AotProject("aotdebian12", target: "debian.12");
        var output = project.PublishDirectory("net8.0", Rid);

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(result.Output, Does.Match(@"StaticLink: 1 native file checked against debian\.12.*: passed, 0 errors, 0 warnings\."), result.ToString());

        AssertRunsOnDebian12(output, "aotdebian12");
    }

    private static void AssertBullseyeRefuses(string output, string executable)
    {
        var bullseye = DebianReleaseRoot.Bullseye("libc6");
        Assert.That(bullseye.InstalledPackages, Has.Some.StartWith("libc6 2.31-"), bullseye.ToString());

        var verdict = RealLoader.Ask(bullseye, output, executable);
        TestContext.Out.WriteLine(verdict.RawOutput);
        Assert.That(verdict.Loads, Is.False, verdict.Summary());
        Assert.That(verdict.RawOutput, Does.Contain("version `GLIBC_2.34' not found"), verdict.Summary());
        // The same versions and the same 16 symbols the gate names, from bullseye's own loader.
        Assert.That(verdict.VersionErrors.Select(error => error.Version).Distinct().Order(), Is.EqualTo(new[] { "GLIBC_2.32", "GLIBC_2.34" }), verdict.Summary());
        Assert.That(verdict.SymbolErrors, Has.Count.EqualTo(16), verdict.Summary());
        Assert.That(verdict.SymbolErrors.Select(error => error.Symbol), Does.Contain("__libc_start_main").And.Contain("pthread_getattr_np"), verdict.Summary());

        var run = RealLoader.RunApp(bullseye, output, executable, []);
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Not.Zero, run.Describe());
        Assert.That(run.StandardError, Does.Contain("version `GLIBC_2.34' not found"), run.Describe());
        Assert.That(run.StandardOutput, Does.Not.Contain(Greeting), run.Describe());
    }

    private static void AssertRunsOnDebian12(string output, string executable)
    {
        var run = RealLoader.RunApp(RootFilesystem.GlibcFull(), output, executable, []);
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain(Greeting), run.Describe());
    }

    private static ScenarioProject AotProject(string name, string? target) => ScenarioProject.Create(name, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <PublishAot>true</PublishAot>
            <InvariantGlobalization>true</InvariantGlobalization>
            {(target is null ? string.Empty : $"<StaticLinkTarget>{target}</StaticLinkTarget>")}
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
          </ItemGroup>
        </Project>
        """, $"System.Console.WriteLine(\"{Greeting}\");\n");
}
