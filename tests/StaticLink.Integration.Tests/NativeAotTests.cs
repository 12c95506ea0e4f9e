using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>net8.0 NativeAOT, linux-x64: the executable links against the build host's glibc. Each test has its own project.</summary>
public sealed class NativeAotTests : IntegrationTest
{
    private static ScenarioProject CreateProject(string name) => ScenarioProject.Create("nativeaot-" + name, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <PublishAot>true</PublishAot>
            <AssemblyName>nativeaot</AssemblyName>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
          </ItemGroup>
        </Project>
        """);

    // No target named and no container: .NET's floor for net8.0 (glibc 2.23). The executable links against this
    // machine's glibc and needs GLIBC_2.34, which there is the warning SL2005 (an error SL1004 only with a named target
    // or a StaticLinkMaxGlibcVersion limit).
    [Test]
    public void Publish_passes_dotnets_floor_for_net8_0_where_the_hosts_glibc_is_SL2005()
    {
        var project = CreateProject("floor");

        var publish = project.Publish("-r", "linux-x64");

        AssertSucceeded(publish);
        var executable = Path.Combine(project.PublishDirectory("net8.0", "linux-x64"), "nativeaot");
        Assert.That(File.Exists(executable), Is.True, publish.ToString());
        Assert.That(publish.Output, Does.Match(@"StaticLink: 1 native file checked against .*: passed, 0 errors"), publish.ToString());
        Assert.That(publish.Output, Does.Contain("(linux-x64, target dotnet-floor)"), publish.ToString());
        var newer = Diagnostics(publish, "SL2005").Where(diagnostic => diagnostic.File == executable).ToArray();
        Assert.That(newer, Has.Length.EqualTo(1), publish.ToString());
        Assert.That(newer[0].Kind, Is.EqualTo("warning"));
        Assert.That(newer[0].Message, Does.Contain("GLIBC_2.34"));
        Assert.That(newer[0].Message, Does.Contain("glibc 2.23"));
    }

    [Test]
    public void StaticLinkMaxGlibcVersion_2_28_fails_with_SL1004_naming_the_symbols()
    {
        var project = CreateProject("max-glibc");

        var result = project.Publish("-r", "linux-x64", "-p:StaticLinkMaxGlibcVersion=2.28");

        AssertFailedCleanly(result);
        var executable = Path.Combine(project.PublishDirectory("net8.0", "linux-x64"), "nativeaot");
        var tooNew = Diagnostics(result, "SL1004").Where(diagnostic => diagnostic.File == executable).ToArray();
        Assert.That(tooNew, Has.Length.EqualTo(1), result.ToString());
        Assert.That(tooNew[0].Message, Does.Contain("2.28"));
        Assert.That(tooNew[0].Message, Does.Contain("__libc_start_main"), "the symbols that raise the floor are named");
    }
}
