using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>
/// StaticLinkBaselineFile through a real publish: a package's library needs libgone.so.1, which neither the output
/// nor debian.12 has (SL1001). Recorded in the project's baseline with StaticLinkUpdateBaseline, it no longer fails
/// the publish; a second package with a new missing dependency does.
/// </summary>
public sealed class BaselineTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string AcceptedId = "StaticLinkTests.BaselineAccepted";
    private const string NewId = "StaticLinkTests.BaselineNew";

    private readonly List<StaticProfileTestPackage> _packages = [];

    [OneTimeSetUp]
    public void WritePackages()
    {
        _packages.Add(WritePackage(AcceptedId, "libaccepted.so", "libgone.so.1"));
        _packages.Add(WritePackage(NewId, "libnewdep.so", "libalsogone.so.1"));
    }

    [OneTimeTearDown]
    public void DeletePackagesFromCache() => _packages.ForEach(package => package.DeleteFromCache());

    [Test]
    public void A_dependency_accepted_in_the_baseline_passes_and_a_new_one_fails()
    {
        var project = Project("baselineapp", [AcceptedId]);
        var output = project.PublishDirectory("net10.0", Rid);

        // Without the baseline (a configured one that does not exist yet is SL1007), the dependency fails.
        var first = project.Publish("-r", Rid, "-p:StaticLinkBaselineFile=");
        AssertFailedCleanly(first);
        Assert.That(Diagnostics(first, "SL1001").Select(error => error.File), Is.EqualTo(new[] { Path.Combine(output, "libaccepted.so") }), first.ToString());

        var recorded = project.Publish("-r", Rid, "-p:StaticLinkUpdateBaseline=true");
        AssertSucceeded(recorded);
        var baseline = File.ReadAllText(Path.Combine(project.Directory, "staticlink.baseline.json"));
        Assert.That(baseline, Does.Contain("\"path\": \"libaccepted.so\"").And.Contain("\"library\": \"libgone.so.1\""), baseline);
        Assert.That(baseline, Does.Not.Contain(project.Directory), "no absolute paths in the baseline");

        var accepted = project.Publish("-r", Rid);
        AssertSucceeded(accepted);

        var grown = Project("baselineapp", [AcceptedId, NewId]);
        var failed = grown.Publish("-r", Rid);
        AssertFailedCleanly(failed);
        var errors = MSBuildDiagnostic.Parse(failed.Output).Where(diagnostic => diagnostic.Kind == "error").ToArray();
        Assert.That(errors.Select(error => (error.Code, error.File)), Is.EqualTo(new[] { ("SL1001", Path.Combine(output, "libnewdep.so")) }), failed.ToString());
        var info = Infos(failed, "SL1001");
        Assert.That(info.Any(message => message.Message.Contains("libgone.so.1", System.StringComparison.Ordinal) && message.Message.Contains("Accepted in the baseline", System.StringComparison.Ordinal)), Is.True, failed.ToString());
    }

    /// <summary>A library that needs <paramref name="needed"/>, linked against a stand-in that the package does not ship.</summary>
    private static StaticProfileTestPackage WritePackage(string id, string name, string needed)
    {
        var directory = Path.Combine(PackageFeed.WorkDirectory, "native-" + id);
        var standIn = Path.Combine(directory, needed);
        var library = Path.Combine(directory, name);
        StaticProfileTools.Compile("gcc", "int gone_value(void) { return 1; }\n", standIn, "-shared", "-fPIC", "-Wl,-soname," + needed);
        StaticProfileTools.Compile("gcc", "int gone_value(void);\nint vendor_value(void) { return gone_value(); }\n", library, ["-shared", "-fPIC", "-L" + directory, "-Wl,--no-as-needed", "-l:" + needed]);
        var (_, neededEntries, text) = StaticProfileTools.ReadElf(library);
        Assert.That(neededEntries, Does.Contain(needed), text);
        return StaticProfileTestPackage.Write(id, new Dictionary<string, string> { ["runtimes/linux-x64/native/" + name] = library });
    }

    private static ScenarioProject Project(string name, string[] packageIds) => ScenarioProject.Create(name, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>true</SelfContained>
            <InvariantGlobalization>true</InvariantGlobalization>
            <StaticLinkTarget>debian.12</StaticLinkTarget>
            <StaticLinkBaselineFile>staticlink.baseline.json</StaticLinkBaselineFile>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            {string.Join("\n    ", packageIds.Select(id => $"<PackageReference Include=\"{id}\" Version=\"{StaticProfileTestPackage.Version}\" />"))}
          </ItemGroup>
        </Project>
        """);
}
