using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>
/// Combinations that cannot end in a static binary stop with SL1008 before the NativeAOT compiler and linker run:
/// framework-dependent publishes and PublishAot=false (for the PackageReference form without PublishAot, see
/// <see cref="StaticProfilePackageReferenceTests"/>). Each in its own project; none of them compiles native code.
/// </summary>
public sealed class StaticProfileEarlyErrorTests : IntegrationTest
{
    private const string Rid = "linux-x64";

    [Test]
    public void A_framework_dependent_publish_stops_with_SL1008_instead_of_a_failed_link()
    {
        var project = ScenarioProject.Create("staticprofileframeworkdependent", SdkFormProject(string.Empty));

        var result = project.Publish("-r", Rid, "--self-contained", "false");

        AssertFailedCleanly(result);
        var error = StaticProfileTools.AssertOnlyEarlyProfileError(result, project, "staticprofileframeworkdependent");
        Assert.That(error.Message, Does.Contain("framework-dependent publish").And.Contain("SelfContained=false"));
    }

    [Test]
    public void SelfContained_false_in_the_project_stops_with_SL1008_too()
    {
        var project = ScenarioProject.Create("staticprofileselfcontainedfalse", SdkFormProject("<SelfContained>false</SelfContained>"));

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var error = StaticProfileTools.AssertOnlyEarlyProfileError(result, project, "staticprofileselfcontainedfalse");
        Assert.That(error.Message, Does.Contain("framework-dependent publish"));
    }

    [Test]
    public void PublishAot_false_in_the_project_stops_with_SL1008()
    {
        var project = ScenarioProject.Create("staticprofilenoaot", SdkFormProject("<PublishAot>false</PublishAot>"));

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var error = StaticProfileTools.AssertOnlyEarlyProfileError(result, project, "staticprofilenoaot");
        Assert.That(error.Message, Does.Contain("needs NativeAOT").And.Contain("PublishAot=false"));
        Assert.That(result.Output, Does.Contain("PublishAot=false [left as the project set it]"));
    }

    /// <summary>The Sdk form of a net8.0 console app with the static profile and extra properties.</summary>
    private static string SdkFormProject(string properties) => $"""
        <Project Sdk="StaticLink.Sdk/{PackageFeed.Version}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <StaticLinkProfile>static</StaticLinkProfile>
            {properties}
          </PropertyGroup>
        </Project>
        """;
}
