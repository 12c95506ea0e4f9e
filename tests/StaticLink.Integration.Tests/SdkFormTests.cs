using System.IO;

namespace StaticLink.Integration.Tests;

/// <summary>
/// &lt;Project Sdk="StaticLink.Sdk/x.y.z"&gt; instead of a PackageReference, on a framework-dependent linux-x64 app whose
/// publish output can also carry a truncated .so as content.
/// </summary>
public sealed class SdkFormTests : IntegrationTest
{
    [Test]
    public void The_Sdk_form_checks_the_publish_and_a_truncated_library_is_SL1010_not_a_crash()
    {
        var project = ScenarioProject.Create("sdkform", $"""
            <Project Sdk="StaticLink.Sdk/{PackageFeed.Version}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <SelfContained>false</SelfContained>
              </PropertyGroup>
              <ItemGroup Condition="'$(WithBrokenLibrary)' == 'true'">
                <Content Include="libbroken.so" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        var runtimeLibrary = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libSystem.Native.so");
        project.WriteFile("libbroken.so", File.ReadAllBytes(runtimeLibrary)[..1000]);

        var clean = project.Publish("-r", "linux-x64");

        AssertSucceeded(clean);
        Assert.That(clean.Output, Does.Contain("StaticLink: 1 native file of 5 in ").And.Contain("(linux-x64, target "), "the Sdk form imports StaticLink's targets");
        Assert.That(clean.Output, Does.Match(@"StaticLink: 1 native file checked against .*: passed, 0 errors"), "and logs the verdict line");

        var broken = project.Publish("-r", "linux-x64", "--no-restore", "-p:WithBrokenLibrary=true");

        AssertFailedCleanly(broken);
        var unreadable = Diagnostics(broken, "SL1010");
        Assert.That(unreadable, Has.Length.EqualTo(1), broken.ToString());
        Assert.That(unreadable[0].File, Is.EqualTo(Path.Combine(project.PublishDirectory("net10.0", "linux-x64"), "libbroken.so")));
        Assert.That(unreadable[0].Message, Does.Contain("libbroken.so"));
    }
}
