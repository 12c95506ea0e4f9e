using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// net10.0, linux-musl-x64, framework-dependent without an apphost, with NetVips' musl build of libvips: it is built
/// against musl 1.2.5 and imports statx, which older musl does not export. musl ignores symbol versions, so only the
/// symbols tell (SL1012), and only on a target whose musl is older than 1.2.5.
/// </summary>
public sealed class MuslTargetTests : IntegrationTest
{
    private const string Rid = "linux-musl-x64";
    private const string Package = "NetVips.Native.linux-musl-x64 8.18.7";

    private static string Project(string target) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>false</SelfContained>
            <UseAppHost>false</UseAppHost>
            <StaticLinkTarget>{target}</StaticLinkTarget>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            <PackageReference Include="NetVips.Native.linux-musl-x64" Version="8.18.7" />
          </ItemGroup>
        </Project>
        """;

    [Test]
    public void Libvips_on_alpine_3_19_is_SL1012_for_statx_and_the_real_musl_loader_agrees()
    {
        var project = ScenarioProject.Create("muslvips319", Project("alpine.3.19"));
        var publish = project.PublishDirectory("net10.0", Rid);

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var missing = Diagnostics(result, "SL1012");
        Assert.That(missing, Has.Length.EqualTo(1), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(missing[0].Kind, Is.EqualTo("error"));
            Assert.That(missing[0].File, Is.EqualTo(Path.Combine(publish, "libvips.so.42")));
            Assert.That(missing[0].Message, Does.StartWith("libvips.so.42 imports ").And.Contain($"It comes from {Package}."));
            Assert.That(missing[0].Message, Does.Contain("statx (musl 1.2.5, Alpine 3.20)"));
            Assert.That(missing[0].Message, Does.Contain("alpine.3.19"));
            Assert.That(missing[0].Message, Does.Contain("symbol not found"));
        });

        // Debian's musl is 1.2.3, older than 1.2.5 as Alpine 3.19's 1.2.4 is: its loader must stop at statx too. The
        // root has no libstdc++ or libgcc_s (Debian has no musl builds of them), so those are missing as well; the
        // statx error is musl's own and does not depend on them.
        var verdict = RealLoader.Ask(RootFilesystem.Musl(), publish, "libvips.so.42");
        TestContext.Out.WriteLine(missing[0].Message);
        TestContext.Out.WriteLine("musl 1.2.3 loader: " + verdict.Summary());
        Assert.That(verdict.Loads, Is.False, verdict.RawOutput);
        Assert.That(verdict.SymbolErrors.Select(error => error.Symbol), Does.Contain("statx"), verdict.RawOutput);
    }

    [Test]
    public void Libvips_on_alpine_3_20_has_no_SL1012()
    {
        var project = ScenarioProject.Create("muslvips320", Project("alpine.3.20"));

        var result = project.Publish("-r", Rid);

        TestContext.Out.WriteLine(string.Join("\n", MSBuildDiagnostic.Parse(result.Output).Select(diagnostic => diagnostic.Kind + " " + diagnostic.Code + ": " + diagnostic.Message)));
        // Alpine 3.20 has musl 1.2.5, which exports statx. Only the missing symbol is asserted: no musl 1.2.5 root is
        // at hand to prove a full pass with a real loader (the catalogue's alpine.3.20 has libstdc++ and libgcc_s, so
        // the publish passes today).
        Assert.That(Diagnostics(result, "SL1012"), Is.Empty, result.ToString());
        Assert.That(result.Output, Does.Contain("checked against alpine.3.20"), result.ToString());
    }
}
