using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// Without StaticLinkTarget the target is the base image the SDK would build the container on, when the project says
/// it builds one (ContainerFamily, ContainerBaseImage, ...), else .NET's floor. The image name is checked against the
/// SDK's own ComputeContainerBaseImage; what ICU means for the app is proven by running it in real roots with and
/// without ICU (GlibcFull has libicu72, GlibcBare has none).
/// </summary>
public sealed class ContainerDefaultTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string Extra = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra";
    private const string Chiseled = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    /// <summary>Prints a number in German when ICU's culture data is there; invariant mode has no de-DE culture.</summary>
    private const string CultureProgram = """
        try
        {
            System.Console.WriteLine("de-DE: " + 1.5.ToString(new System.Globalization.CultureInfo("de-DE")));
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            System.Console.WriteLine("no culture data");
        }

        """;

    private static string Project(string properties) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>true</SelfContained>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
          </ItemGroup>
        </Project>
        """;

    [Test]
    public void ContainerFamily_noble_chiseled_without_invariant_mode_is_the_extra_image_and_passes()
    {
        var project = ScenarioProject.Create("containerextra", Project("""
            <EnableSdkContainerSupport>true</EnableSdkContainerSupport>
            <ContainerFamily>noble-chiseled</ContainerFamily>
            """), CultureProgram);

        var result = project.Publish("-r", Rid);

        Assert.That(SdkBaseImage(project), Is.EqualTo(Extra), "the SDK's own pick");
        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(VerdictLine(result), Does.Contain($"checked against {Extra} (the base image the SDK picks for this project, from the container settings): passed"), result.ToString());

        // -extra has ICU: where ICU is, the app runs with culture data.
        var run = RealLoader.RunApp(RootFilesystem.GlibcFull(), project.PublishDirectory("net10.0", Rid), "containerextra", []);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("de-DE: 1,5"), run.Describe());
    }

    [Test]
    public void ContainerFamily_noble_chiseled_with_invariant_mode_is_the_plain_chiseled_image_and_passes()
    {
        var project = ScenarioProject.Create("containerchiseled", Project("""
            <EnableSdkContainerSupport>true</EnableSdkContainerSupport>
            <ContainerFamily>noble-chiseled</ContainerFamily>
            <InvariantGlobalization>true</InvariantGlobalization>
            """), CultureProgram);

        var result = project.Publish("-r", Rid);

        Assert.That(SdkBaseImage(project), Is.EqualTo(Chiseled), "the SDK's own pick");
        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(VerdictLine(result), Does.Contain($"checked against {Chiseled} (the base image the SDK picks for this project, from the container settings): passed"), result.ToString());

        // No ICU needed: the app runs where there is none.
        var run = RealLoader.RunApp(RootFilesystem.GlibcBare(), project.PublishDirectory("net10.0", Rid), "containerchiseled", []);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("no culture data"), run.Describe());
    }

    [Test]
    public void ContainerBaseImage_noble_chiseled_without_invariant_mode_is_SL2006()
    {
        var project = ScenarioProject.Create("containerbase", Project($"""
            <EnableSdkContainerSupport>true</EnableSdkContainerSupport>
            <ContainerBaseImage>{Chiseled}</ContainerBaseImage>
            """), CultureProgram);

        var result = project.Publish("-r", Rid);

        Assert.That(SdkBaseImage(project), Is.EqualTo(Chiseled), "the SDK's own pick");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var warning = Diagnostics(result, "SL2006");
        Assert.That(warning, Has.Length.EqualTo(1), result.ToString());
        Assert.That(warning[0].Kind, Is.EqualTo("warning"));
        Assert.That(warning[0].Message, Does.Contain("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true").And.Contain("InvariantGlobalization"));
        Assert.That(VerdictLine(result), Does.Contain($"checked against {Chiseled} (ContainerBaseImage, from the container settings): passed"), result.ToString());

        // What the warning says, on a real root without ICU: the app aborts unless the variable the image sets is
        // there, and with it the app runs without culture data although the project never asked for that.
        var root = RootFilesystem.GlibcBare();
        var publish = project.PublishDirectory("net10.0", Rid);
        var withoutVariable = RealLoader.RunApp(root, publish, "containerbase", []);
        var asTheImageRunsIt = RealLoader.RunApp(root, publish, "containerbase", [], new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true" });
        TestContext.Out.WriteLine(warning[0].Message + "\nwithout the variable: " + withoutVariable.Describe() + "\nwith it: " + asTheImageRunsIt.Describe());
        Assert.That(withoutVariable.ExitCode, Is.Not.Zero, withoutVariable.Describe());
        Assert.That(withoutVariable.StandardOutput + withoutVariable.StandardError, Does.Contain("Couldn't find a valid ICU package"), withoutVariable.Describe());
        Assert.That(asTheImageRunsIt.ExitCode, Is.Zero, asTheImageRunsIt.Describe());
        Assert.That(asTheImageRunsIt.StandardOutput, Does.Contain("no culture data"), asTheImageRunsIt.Describe());
    }

    [Test]
    public void Without_any_container_property_the_target_is_dotnets_floor()
    {
        var project = ScenarioProject.Create("containernone", Project(string.Empty), CultureProgram);

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(VerdictLine(result), Does.Contain("checked against dotnet-floor (no target named, so .NET's floor for the TFM and RID): passed"), result.ToString());

        var run = RealLoader.RunApp(RootFilesystem.GlibcFull(), project.PublishDirectory("net10.0", Rid), "containernone", []);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
    }

    /// <summary>What the SDK's container support itself picks (its ComputeContainerBaseImage target), for the same project.</summary>
    private static string SdkBaseImage(ScenarioProject project)
    {
        var result = project.MSBuild("-t:ComputeContainerBaseImage", $"-p:RuntimeIdentifier={Rid}", "-getProperty:ContainerBaseImage");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()).Last(line => line.Length > 0);
    }

    private static string VerdictLine(CommandResult result) =>
        result.Output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Contains("native files checked against", System.StringComparison.Ordinal)) ?? string.Empty;
}
