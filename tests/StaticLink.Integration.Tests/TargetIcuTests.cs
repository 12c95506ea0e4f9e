using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// net10.0, linux-x64, self-contained, checked against real root filesystems given as StaticLinkTarget directories:
/// the .NET runtime needs ICU at start unless the app is in invariant globalization mode. Each verdict is proved by
/// running the published app in a chroot of the same root.
/// </summary>
public sealed class TargetIcuTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string Greeting = "Hello from a culture-aware app";

    [Test]
    public void A_root_without_ICU_is_SL1011_and_the_app_really_aborts_there()
    {
        var bare = RootFilesystem.GlibcBare();
        var project = IcuProject("icubare", bare, invariant: false);

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var errors = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").ToArray();
        Assert.That(errors.Select(diagnostic => diagnostic.Code).Distinct(), Is.EqualTo(new[] { "SL1011" }), result.ToString());
        Assert.That(errors[0].Message, Does.Contain("The app needs ICU (libicuuc.so.*), which ").And.Contain(" does not have"), result.ToString());
        Assert.That(errors[0].Message, Does.Contain("Couldn't find a valid ICU package installed on the system"));
        Assert.That(errors[0].Message, Does.Contain("<InvariantGlobalization>true</InvariantGlobalization>"), "the fix is named");

        // The truth: the runtime itself refuses to start there.
        var run = RealLoader.RunApp(bare, project.PublishDirectory("net10.0", Rid), "icubare", []);
        TestContext.Out.WriteLine(result.Output.Split('\n').LastOrDefault(line => line.Contains("native files checked against", System.StringComparison.Ordinal)));
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Not.Zero, run.Describe());
        Assert.That(run.StandardError, Does.Contain("Couldn't find a valid ICU package"), run.Describe());
        Assert.That(run.StandardOutput, Does.Not.Contain(Greeting), run.Describe());
    }

    [Test]
    public void A_root_with_ICU_and_OpenSSL_passes_with_no_warnings_and_the_app_runs_there()
    {
        var full = RootFilesystem.GlibcFull();
        var project = IcuProject("icufull", full, invariant: false);

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(result.Output, Does.Match(@"native files checked against .*: passed, 0 errors, 0 warnings\."), result.ToString());

        var run = RealLoader.RunApp(full, project.PublishDirectory("net10.0", Rid), "icufull", []);
        TestContext.Out.WriteLine(result.Output.Split('\n').LastOrDefault(line => line.Contains("native files checked against", System.StringComparison.Ordinal)));
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain(Greeting), run.Describe());
        // Real culture data proves ICU was loaded, not the invariant fallback.
        Assert.That(run.StandardOutput, Does.Contain("invariant: False"), run.Describe());
    }

    [Test]
    public void Invariant_globalization_passes_a_root_without_ICU_and_the_app_runs_there()
    {
        var bare = RootFilesystem.GlibcBare();
        var project = IcuProject("icuinvariant", bare, invariant: true);

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(Diagnostics(result, "SL1011"), Is.Empty, result.ToString());
        // The one warning is true too: the bare root has no libssl, so cryptography would fail at first use.
        var warnings = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "warning").ToArray();
        TestContext.Out.WriteLine(string.Join("\n", warnings.Select(warning => warning.ToString())));
        Assert.That(warnings.Select(warning => warning.Code), Is.EqualTo(new[] { "SL2001" }), result.ToString());
        Assert.That(warnings[0].File, Does.EndWith("libSystem.Security.Cryptography.Native.OpenSsl.so"));
        Assert.That(result.Output, Does.Match(@"native files checked against .*: passed, 0 errors"), result.ToString());

        var run = RealLoader.RunApp(bare, project.PublishDirectory("net10.0", Rid), "icuinvariant", []);
        TestContext.Out.WriteLine(result.Output.Split('\n').LastOrDefault(line => line.Contains("native files checked against", System.StringComparison.Ordinal)));
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain(Greeting), run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("invariant: True"), run.Describe());
    }

    private static ScenarioProject IcuProject(string name, RootFilesystem root, bool invariant) => ScenarioProject.Create(name, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>true</SelfContained>
            <InvariantGlobalization>{(invariant ? "true" : "false")}</InvariantGlobalization>
            <!-- A root filesystem directory as the target: checked as the loader of that root would see it. -->
            <StaticLinkTarget>{root.Path}</StaticLinkTarget>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
          </ItemGroup>
        </Project>
        """, $$"""
        // With ICU the runtime lists hundreds of cultures; in invariant mode only the invariant culture exists.
        var invariant = System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.AllCultures).Length <= 1;
        System.Console.WriteLine("{{Greeting}}");
        System.Console.WriteLine($"invariant: {invariant}");
        """);
}
