using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>net8.0 NativeAOT, linux-x64: the executable links against the build host's glibc.</summary>
public sealed class NativeAotTests : IntegrationTest
{
    private ScenarioProject _project = null!;

    [OneTimeSetUp]
    public void CreateProject()
    {
        _project = ScenarioProject.Create("nativeaot", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <PublishAot>true</PublishAot>
              </PropertyGroup>
              <ItemGroup>
                {ScenarioProject.PackageReference}
              </ItemGroup>
            </Project>
            """);
    }

    [Test]
    [Order(1)]
    public void Publish_passes_the_default_policy()
    {
        var result = _project.Publish("-r", "linux-x64");

        AssertSucceeded(result);
        Assert.That(File.Exists(Path.Combine(_project.PublishDirectory("net8.0", "linux-x64"), "nativeaot")), Is.True, result.ToString());
        Assert.That(result.Output, Does.Contain("glibc-portable"));
    }

    [Test]
    [Order(2)]
    public void StaticLinkMaxGlibcVersion_2_28_fails_with_SL1004_naming_the_symbols()
    {
        var result = _project.Publish("-r", "linux-x64", "--no-restore", "-p:StaticLinkMaxGlibcVersion=2.28");

        AssertFailedCleanly(result);
        var executable = Path.Combine(_project.PublishDirectory("net8.0", "linux-x64"), "nativeaot");
        var tooNew = Diagnostics(result, "SL1004").Where(diagnostic => diagnostic.File == executable).ToArray();
        Assert.That(tooNew, Has.Length.EqualTo(1), result.ToString());
        Assert.That(tooNew[0].Message, Does.Contain("2.28"));
        Assert.That(tooNew[0].Message, Does.Contain("__libc_start_main"), "the symbols that raise the floor are named");
    }
}
