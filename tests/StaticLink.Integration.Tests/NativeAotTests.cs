using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>net8.0 NativeAOT, linux-x64: the executable links against the build host's glibc.</summary>
public sealed class NativeAotTests : IntegrationTest
{
    private ScenarioProject _project = null!;
    private StaticLink.Tests.Shared.CommandResult? _publish;

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
    public void Publish_passes_the_default_target()
    {
        _publish = _project.Publish("-r", "linux-x64");

        AssertSucceeded(_publish);
        Assert.That(File.Exists(Path.Combine(_project.PublishDirectory("net8.0", "linux-x64"), "nativeaot")), Is.True, _publish.ToString());
        Assert.That(_publish.Output, Does.Match(@"StaticLink: 1 native file checked against .*: passed, 0 errors"), _publish.ToString());
    }

    // No target named and no container: .NET's floor for net8.0 (glibc 2.23). The executable links against this
    // machine's glibc and needs GLIBC_2.34, which there is the warning SL2005 (an error SL1004 only with a named target
    // or a StaticLinkMaxGlibcVersion limit).
    [Test]
    [Order(2)]
    public void The_default_target_is_dotnets_floor_for_net8_0_where_the_hosts_glibc_is_SL2005()
    {
        Assert.That(_publish, Is.Not.Null, "Publish_passes_the_default_target runs first");
        var executable = Path.Combine(_project.PublishDirectory("net8.0", "linux-x64"), "nativeaot");

        Assert.That(_publish!.Output, Does.Contain("(linux-x64, target dotnet-floor)"), _publish.ToString());
        var newer = Diagnostics(_publish, "SL2005").Where(diagnostic => diagnostic.File == executable).ToArray();
        Assert.That(newer, Has.Length.EqualTo(1), _publish.ToString());
        Assert.That(newer[0].Kind, Is.EqualTo("warning"));
        Assert.That(newer[0].Message, Does.Contain("GLIBC_2.34"));
        Assert.That(newer[0].Message, Does.Contain("glibc 2.23"));
    }

    [Test]
    [Order(3)]
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
