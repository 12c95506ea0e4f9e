using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// librdkafka.redist ships three builds of librdkafka.so.1 under runtimes/linux-x64/native/ (librdkafka.so,
/// centos8-librdkafka.so, and alpine-librdkafka.so, a musl build), of which Confluent.Kafka's loader picks one that
/// loads. On a glibc target the musl one never loads; that is no error while a sibling does (SL3003).
/// </summary>
public sealed class AlternativesTests : IntegrationTest
{
    private const string Rid = "linux-x64";

    [Test]
    public void The_musl_build_of_librdkafka_is_SL3003_naming_the_glibc_build_that_loads_on_a_real_root()
    {
        var root = RootFilesystem.GlibcFull();
        var project = ScenarioProject.Create("alternatives", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <SelfContained>true</SelfContained>
                <InvariantGlobalization>true</InvariantGlobalization>
                <StaticLinkTarget>{root.Path}</StaticLinkTarget>
              </PropertyGroup>
              <ItemGroup>
                {ScenarioProject.PackageReference}
                <PackageReference Include="librdkafka.redist" Version="2.16.0" />
              </ItemGroup>
            </Project>
            """);
        var publish = project.PublishDirectory("net10.0", Rid);

        var result = project.Publish("-r", Rid);

        // Where the package's files land: a RID-specific publish flattens runtimes/linux-x64/native/ into the root.
        var layout = Directory.GetFiles(publish, "*librdkafka.so", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(publish, file))
            .Order(System.StringComparer.Ordinal)
            .ToArray();
        TestContext.Out.WriteLine("layout: " + string.Join(", ", layout));
        TestContext.Out.WriteLine(string.Join("\n", MSBuildDiagnostic.ParseAll(result.Output).Select(diagnostic => $"{Path.GetRelativePath(publish, diagnostic.File)}: {diagnostic.Kind} {diagnostic.Code}: {diagnostic.Message}")));
        Assert.That(layout, Is.EqualTo(new[] { "alpine-librdkafka.so", "centos8-librdkafka.so", "librdkafka.so" }), result.ToString());

        // The real loader of the same root: the CentOS 8 build loads, the musl build does not (no libc.musl-x86_64.so.1),
        // and the default build lacks libsasl2.so.3, which the root does not have.
        var centos8 = RealLoader.Ask(root, publish, "centos8-librdkafka.so");
        var alpine = RealLoader.Ask(root, publish, "alpine-librdkafka.so");
        var plain = RealLoader.Ask(root, publish, "librdkafka.so");
        TestContext.Out.WriteLine($"centos8: {centos8.Summary()}\nalpine: {alpine.Summary()}\nlibrdkafka.so: {plain.Summary()}");
        Assert.Multiple(() =>
        {
            Assert.That(centos8.Loads, Is.True, centos8.RawOutput);
            Assert.That(alpine.Loads, Is.False, alpine.RawOutput);
            Assert.That(alpine.Missing, Does.Contain("libc.musl-x86_64.so.1"), alpine.RawOutput);
            Assert.That(plain.Missing, Does.Contain("libsasl2.so.3"), plain.RawOutput);
        });

        // One member loads, so the group passes: the two that do not are information naming it, not errors.
        AssertSucceeded(result);
        Assert.That(Diagnostics(result, "SL1002"), Is.Empty, result.ToString());
        Assert.That(Diagnostics(result, "SL1001"), Is.Empty, result.ToString());
        var alternatives = Infos(result, "SL3003");
        var musl = alternatives.Where(info => info.File == Path.Combine(publish, "alpine-librdkafka.so")).ToArray();
        Assert.That(musl, Has.Length.EqualTo(1), result.ToString());
        Assert.That(musl[0].Message, Does.Contain("SL1002").And.Contain("centos8-librdkafka.so, another, loads there"));
        var sasl = alternatives.Where(info => info.File == Path.Combine(publish, "librdkafka.so")).ToArray();
        Assert.That(sasl, Has.Length.EqualTo(1), result.ToString());
        Assert.That(sasl[0].Message, Does.Contain("SL1001").And.Contain("centos8-librdkafka.so, another, loads there"));
        Assert.That(alternatives.Select(info => info.File), Does.Not.Contain(Path.Combine(publish, "centos8-librdkafka.so")));
    }
}
