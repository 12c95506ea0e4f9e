using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The static policy on real musl binaries, since this machine cannot publish NativeAOT for linux-musl-x64: a program
/// built with `musl-gcc -static` and one built with plain `musl-gcc` ship as runtimes/linux-musl-x64/native/ assets
/// of local test packages into a net10.0 linux-musl-x64 framework-dependent publish (UseAppHost=false, so they are the
/// only native files) checked with StaticLinkPolicy=static.
/// </summary>
public sealed class StaticProfileMuslPolicyTests : IntegrationTest
{
    private const string Rid = "linux-musl-x64";

    private const string ToolSource = """
        #include <stdio.h>
        int main(void) { puts("a musl tool"); return 0; }
        """;

    private readonly List<StaticProfileTestPackage> _packages = [];
    private StaticProfileTestPackage _staticTool = null!;
    private StaticProfileTestPackage _dynamicTool = null!;

    [OneTimeSetUp]
    public void BuildPackages()
    {
        var build = Path.Combine(PackageFeed.WorkDirectory, "musl-tools");
        var staticTool = Path.Combine(build, "musl-static-tool");
        var dynamicTool = Path.Combine(build, "musl-dynamic-tool");
        StaticProfileTools.Compile("musl-gcc", ToolSource, staticTool, "-O1", "-static");
        StaticProfileTools.Compile("musl-gcc", ToolSource, dynamicTool, "-O1");

        // Ground truth first: what readelf says the two are.
        var staticFacts = StaticProfileTools.ReadElf(staticTool);
        Assert.That(staticFacts.Interpreter, Is.Null, staticFacts.Text);
        Assert.That(staticFacts.Needed, Is.Empty, staticFacts.Text);
        var dynamicFacts = StaticProfileTools.ReadElf(dynamicTool);
        Assert.That(dynamicFacts.Interpreter, Is.EqualTo("/lib/ld-musl-x86_64.so.1"), dynamicFacts.Text);
        Assert.That(dynamicFacts.Needed, Is.EqualTo(new[] { "libc.so" }), dynamicFacts.Text);

        _staticTool = StaticProfileTestPackage.Write("StaticLinkTests.MuslStaticTool", new Dictionary<string, string>
        {
            [$"runtimes/{Rid}/native/musl-static-tool"] = staticTool,
        });
        _dynamicTool = StaticProfileTestPackage.Write("StaticLinkTests.MuslDynamicTool", new Dictionary<string, string>
        {
            [$"runtimes/{Rid}/native/musl-dynamic-tool"] = dynamicTool,
        });
        _packages.AddRange([_staticTool, _dynamicTool]);
    }

    [OneTimeTearDown]
    public void DeletePackagesFromCache() => _packages.ForEach(package => package.DeleteFromCache());

    [Test]
    public void A_musl_gcc_static_program_passes_the_static_policy()
    {
        var project = ScenarioProject.Create("staticpolicymuslstatic", Project(_staticTool));
        var tool = Path.Combine(project.PublishDirectory("net10.0", Rid), "musl-static-tool");

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(File.Exists(tool), Is.True, "the package's native asset is in the output");
        Assert.That(result.Output, Does.Contain($"({Rid}, target static)"));
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, "no error and no warning: musl has no NSS modules to load (no SL2002)");
        using var report = StaticProfileTools.Report(project, "net10.0", Rid);
        var file = StaticProfileTools.ReportedFile(report, "musl-static-tool");
        Assert.That(file.GetProperty("fullyStatic").GetBoolean(), Is.True);
        Assert.That(file.GetProperty("libc").GetString(), Is.EqualTo("musl"), "musl recognised in a static file");
        Assert.That(file.GetProperty("verdict").GetString(), Is.EqualTo("pass"));
        Assert.That(StaticProfileTools.SummaryRow(result.Output, "musl-static-tool"), Does.Match(@"\sstatic\s+musl\s+-\s+-\s+yes\s+pass$"));
    }

    [Test]
    public void A_musl_gcc_dynamic_program_fails_SL1003_naming_the_musl_loader_and_libc_so()
    {
        var project = ScenarioProject.Create("staticpolicymusldynamic", Project(_dynamicTool));
        var tool = Path.Combine(project.PublishDirectory("net10.0", Rid), "musl-dynamic-tool");

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var notStatic = Diagnostics(result, "SL1003");
        Assert.That(notStatic, Has.Length.EqualTo(1), result.ToString());
        Assert.That(notStatic[0].File, Is.EqualTo(tool));
        Assert.That(notStatic[0].Message, Does.Contain("is not fully static, as policy static requires"));
        Assert.That(notStatic[0].Message, Does.Contain("/lib/ld-musl-x86_64.so.1"));
        Assert.That(notStatic[0].Message, Does.Contain("NEEDED libc.so"));
        Assert.That(MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").Select(diagnostic => diagnostic.Code).Distinct(), Is.EqualTo(new[] { "SL1003" }), "musl in a musl output: no libc mismatch");
        Assert.That(StaticProfileTools.SummaryRow(result.Output, "musl-dynamic-tool"), Does.Match(@"\sdynamic\s+musl\s+.*\s+no\s+fail$"));
    }

    private static string Project(StaticProfileTestPackage package) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>false</SelfContained>
            <UseAppHost>false</UseAppHost>
            <StaticLinkPolicy>static</StaticLinkPolicy>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            {package.PackageReference}
          </ItemGroup>
        </Project>
        """;
}
