using System.IO;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The static profile through a PackageReference. NuGet restore never reads properties that a package sets, so the
/// PublishAot the profile sets cannot make restore fetch the NativeAOT compiler: without PublishAot in the project the
/// publish stops early with SL1008 and names both fixes; with it, the profile works as in the Sdk form.
/// </summary>
public sealed class StaticProfilePackageReferenceTests : IntegrationTest
{
    private const string Rid = "linux-x64";

    private static string Project(string properties) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <StaticLinkProfile>static</StaticLinkProfile>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
          </ItemGroup>
        </Project>
        """;

    [Test]
    public void Without_PublishAot_in_the_project_the_publish_stops_with_SL1008_before_NativeAOT_runs()
    {
        var project = ScenarioProject.Create("staticprofilepackageref", Project(string.Empty));

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var error = StaticProfileTools.AssertOnlyEarlyProfileError(result, project, "staticprofilepackageref");
        Assert.That(error.Message, Does.Contain("NuGet restore did not see it"));
        Assert.That(error.Message, Does.Contain("<PublishAot>true</PublishAot>"), "the first fix is named");
        Assert.That(error.Message, Does.Contain($"<Project Sdk=\"StaticLink.Sdk/{PackageFeed.Version}\">"), "the second fix, with the package's own version");
        Assert.That(result.Output, Does.Contain("PublishAot=true [applied]"), "the profile says what it applied before it stops");
    }

    [Test]
    public void With_PublishAot_in_the_project_the_profile_publishes_a_fully_static_executable()
    {
        const string Name = "staticprofilepackagerefaot";
        var project = ScenarioProject.Create(Name, Project("<PublishAot>true</PublishAot>"));

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(result.Output, Does.Contain("StaticLink static profile for linux-x64: PublishAot=true [left as the project set it], StaticExecutable=true [applied]"), result.ToString());
        var executable = Path.Combine(project.PublishDirectory("net8.0", Rid), Name);
        var readelf = StaticProfileTools.ReadElf(executable);
        Assert.That(readelf.Interpreter, Is.Null, readelf.Text);
        Assert.That(readelf.Needed, Is.Empty, readelf.Text);
        Assert.That(Diagnostics(result, "SL2002"), Has.Length.EqualTo(1), result.ToString());
        Assert.That(StaticProfileTools.SummaryRow(result.Output, Name), Does.Match(@"\sstatic\s+glibc\s+-\s+-\s+yes\s+warn$"));
    }
}
