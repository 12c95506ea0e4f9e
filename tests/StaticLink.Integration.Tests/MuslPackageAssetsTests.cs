using System.IO;
using System.Linq;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// net10.0, linux-musl-x64, framework-dependent without an apphost: NuGet's RID fallback puts a package's glibc build
/// into a musl output without a word. StaticLink must say so; a package with a real musl build must pass.
/// </summary>
public sealed class MuslPackageAssetsTests : IntegrationTest
{
    private const string Rid = "linux-musl-x64";

    private static string MuslProject(string packageReferences, string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>false</SelfContained>
            <UseAppHost>false</UseAppHost>
            <!-- The musl-portable policy as the target: it has no zlib, so an unbundled libz.so.1 is SL1001. .NET's floor
                 and the Alpine images have zlib, so there it would not be a finding. -->
            <StaticLinkPolicy>musl-portable</StaticLinkPolicy>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            {packageReferences}
          </ItemGroup>
          <ItemGroup>
            {extraItems}
          </ItemGroup>
        </Project>
        """;

    [Test]
    public void Mono_Posix_fails_with_SL1002_and_SL1001_and_fails_again_on_the_next_publish()
    {
        var project = ScenarioProject.Create("muslposix", MuslProject("""<PackageReference Include="Mono.Posix.NETStandard" Version="1.0.0" />"""));
        var helper = Path.Combine(project.PublishDirectory("net10.0", Rid), "libMonoPosixHelper.so");

        var first = project.Publish("-r", Rid);

        AssertFailedCleanly(first);
        AssertMonoPosixFindings(first, helper);
        Assert.That(File.Exists(helper), Is.True, "the publish output stays for inspection");

        var second = project.Publish("-r", Rid, "--no-restore");

        AssertFailedCleanly(second);
        Assert.That(second.Output, Does.Not.Contain("StaticLink: up to date"));
        AssertMonoPosixFindings(second, helper);
    }

    [Test]
    public void StaticLinkAllow_turns_off_the_libz_error_but_not_the_libc_mismatch()
    {
        var project = ScenarioProject.Create("muslposixallow", MuslProject(
            """<PackageReference Include="Mono.Posix.NETStandard" Version="1.0.0" />""",
            """<StaticLinkAllow Include="libz.so.1" Reason="zlib is installed in our Alpine image" />"""));
        var helper = Path.Combine(project.PublishDirectory("net10.0", Rid), "libMonoPosixHelper.so");

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var mismatch = Diagnostics(result, "SL1002");
        Assert.That(mismatch.Select(diagnostic => diagnostic.File), Does.Contain(helper), result.ToString());
        Assert.That(Diagnostics(result, "SL1001").Where(diagnostic => diagnostic.Message.Contains("libz.so.1", System.StringComparison.Ordinal)), Is.Empty, result.ToString());
    }

    [Test]
    public void SQLitePCLRaw_e_sqlite3_alone_ships_a_musl_build_and_passes()
    {
        var project = ScenarioProject.Create("muslsqlite", MuslProject("""<PackageReference Include="SQLitePCLRaw.lib.e_sqlite3" Version="2.0.6" />"""));

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(File.Exists(Path.Combine(project.PublishDirectory("net10.0", Rid), "libe_sqlite3.so")), Is.True);
        Assert.That(result.Output, Does.Contain("libe_sqlite3.so"), "the summary lists the musl build");
        Assert.That(result.Output, Does.Contain($"({Rid}, target musl-portable)"));
    }

    private static void AssertMonoPosixFindings(CommandResult result, string helper)
    {
        var mismatch = Diagnostics(result, "SL1002");
        var unexpected = Diagnostics(result, "SL1001");
        Assert.Multiple(() =>
        {
            Assert.That(mismatch.Select(diagnostic => diagnostic.File), Does.Contain(helper), result.ToString());
            Assert.That(unexpected.Where(diagnostic => diagnostic.File == helper && diagnostic.Message.Contains("libz.so.1", System.StringComparison.Ordinal)), Is.Not.Empty, result.ToString());
            Assert.That(unexpected.First().Message, Does.Contain("which neither the output nor policy musl-portable has"));
            Assert.That(unexpected.First().Message, Does.Contain("StaticLinkAllow"));
        });
    }
}
