using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The project's own StaticExecutable=false wins over the profile: NativeAOT links a dynamic executable, and the static
/// policy the profile chose fails it with SL1003, listing what `ldd` would show. One NativeAOT publish.
/// </summary>
public sealed class StaticProfileUserStaticExecutableTests : IntegrationTest
{
    private const string Name = "staticprofiledynamic";
    private const string Rid = "linux-x64";

    [Test]
    public void StaticExecutable_false_is_left_alone_and_the_dynamic_executable_fails_SL1003_naming_libc_libm_and_the_interpreter()
    {
        var project = ScenarioProject.Create(Name, $"""
            <Project Sdk="StaticLink.Sdk/{PackageFeed.Version}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <StaticLinkProfile>static</StaticLinkProfile>
                <StaticExecutable>false</StaticExecutable>
              </PropertyGroup>
            </Project>
            """);
        var executable = Path.Combine(project.PublishDirectory("net8.0", Rid), Name);

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        Assert.That(
            result.Output,
            Does.Contain("StaticLink static profile for linux-x64: PublishAot=true [applied], StaticExecutable=false [left as the project set it], InvariantGlobalization=true [applied]"),
            result.ToString());
        Assert.That(File.Exists(executable), Is.True, "the link ran and the output stays for inspection");

        var readelf = StaticProfileTools.ReadElf(executable);
        Assert.That(readelf.Interpreter, Is.EqualTo("/lib64/ld-linux-x86-64.so.2"), readelf.Text);
        Assert.That(readelf.Needed, Is.SupersetOf(new[] { "libc.so.6", "libm.so.6" }), readelf.Text);

        var notStatic = Diagnostics(result, "SL1003");
        Assert.That(notStatic, Has.Length.EqualTo(1), result.ToString());
        Assert.That(notStatic[0].File, Is.EqualTo(executable));
        Assert.That(notStatic[0].Message, Does.Contain("is not fully static, as policy static requires"));
        Assert.That(notStatic[0].Message, Does.Contain("the interpreter /lib64/ld-linux-x86-64.so.2"));
        foreach (var needed in readelf.Needed)
        {
            Assert.That(notStatic[0].Message, Does.Contain(needed), "every NEEDED entry readelf lists is named");
        }

        Assert.That(notStatic[0].Message, Does.Contain("libc.so.6").And.Contain("libm.so.6"));
        Assert.That(Diagnostics(result, "SL2002"), Is.Empty, "nothing of glibc is linked in statically");
        Assert.That(MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").Select(diagnostic => diagnostic.Code).Distinct(), Is.EqualTo(new[] { "SL1003" }));
        Assert.That(StaticProfileTools.SummaryRow(result.Output, Name), Does.Match(@"\sdynamic\s+glibc\s+.*\s+no\s+fail$"), "fully static: no");
    }
}
