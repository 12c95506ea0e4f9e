using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace StaticLink.Integration.Tests;

/// <summary>What the packed StaticLink.Sdk holds: MSBuild files, the task and its engine process, nothing of MSBuild itself, no dependencies.</summary>
public sealed class PackageLayoutTests : IntegrationTest
{
    private static ZipArchive OpenPackage() => ZipFile.OpenRead(Path.Combine(PackageFeed.FeedDirectory, $"StaticLink.Sdk.{PackageFeed.Version}.nupkg"));

    [Test]
    public void The_package_holds_the_MSBuild_entry_points_and_both_task_builds()
    {
        using var package = OpenPackage();
        var entries = package.Entries.Select(entry => entry.FullName).ToList();

        Assert.That(entries, Is.SupersetOf(new[]
        {
            "build/StaticLink.Sdk.props",
            "build/StaticLink.Sdk.targets",
            "build/StaticLink.Sdk.Version.props",
            "buildTransitive/StaticLink.Sdk.props",
            "buildTransitive/StaticLink.Sdk.targets",
            "buildMultiTargeting/StaticLink.Sdk.props",
            "buildMultiTargeting/StaticLink.Sdk.targets",
            "Sdk/Sdk.props",
            "Sdk/Sdk.targets",
            "tasks/net10.0/StaticLink.Tasks.dll",
            "tasks/net10.0/StaticLink.Core.dll",
            "tasks/net8.0/StaticLink.Tasks.dll",
            "tasks/net8.0/StaticLink.Core.dll",
            "tasks/netstandard2.0/StaticLink.Tasks.dll",
            "tasks/netstandard2.0/StaticLink.Core.dll",
            "tasks/engine/linux-x64/staticlink-engine",
        }));
        Assert.That(entries.Where(entry => entry.StartsWith("tasks/", System.StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(7), "only the task, the engine and the engine process, never MSBuild's own assemblies");
        Assert.That(entries.Where(entry => entry.StartsWith("lib/", System.StringComparison.Ordinal)), Is.Empty, "nothing may flow into the app");
    }

    [Test]
    public void The_package_is_a_development_dependency_without_dependencies()
    {
        using var package = OpenPackage();
        using var nuspecStream = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal)).Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");

        Assert.That(metadata.Elements().Single(element => element.Name.LocalName == "developmentDependency").Value, Is.EqualTo("true"));
        Assert.That(metadata.Elements().Where(element => element.Name.LocalName == "dependencies"), Is.Empty);
        var packageTypes = metadata.Descendants().Where(element => element.Name.LocalName == "packageType").Select(element => element.Attribute("name")!.Value);
        Assert.That(packageTypes, Is.EquivalentTo(new[] { "Dependency", "MSBuildSdk" }));
    }

    [Test]
    public void The_package_version_is_stamped_into_the_package_when_it_is_packed()
    {
        using var package = OpenPackage();
        using var stream = package.GetEntry("build/StaticLink.Sdk.Version.props")!.Open();
        var version = XDocument.Load(stream).Descendants().Single(element => element.Name.LocalName == "StaticLinkPackageVersion").Value;

        Assert.That(version, Is.EqualTo(PackageFeed.Version));
    }
}
