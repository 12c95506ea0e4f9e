using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// Publishes that run at the same time: several runtime identifiers of one project built in parallel (`-m`), and two
/// projects publishing into one directory. Neither may corrupt a report or skip a check: each parallel report must
/// say what the same publish says when it runs alone.
/// </summary>
public sealed class ConcurrentPublishTests : IntegrationTest
{
    private static readonly string[] Rids = ["linux-x64", "linux-musl-x64", "linux-arm64"];

    // Framework-dependent without an app host: any RID publishes without runtime packs, and SQLitePCLRaw brings one
    // native library per RID, so every check has a real ELF file of its own architecture to judge.
    private static string AppProject(string assemblyName, string extraProperties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <AssemblyName>{assemblyName}</AssemblyName>
            <RuntimeIdentifiers>{string.Join(";", Rids)}</RuntimeIdentifiers>
            <SelfContained>false</SelfContained>
            <UseAppHost>false</UseAppHost>
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            <PackageReference Include="SQLitePCLRaw.lib.e_sqlite3" Version="2.0.6" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>A traversal project that publishes each (project, RID) pair in parallel with the MSBuild task.</summary>
    private static CommandResult PublishInParallel(string directory, IEnumerable<(string Project, string Rid)> publishes)
    {
        var items = string.Join("\n", publishes.Select((publish, index) =>
            $"""    <StaticLinkTestPublish Include="{publish.Project}" AdditionalProperties="RuntimeIdentifier={publish.Rid};Configuration=Release;PublishInstance={index}" />"""));
        var traversal = Path.Combine(directory, "publish-all.proj");
        File.WriteAllText(traversal, $"""
            <Project>
              <ItemGroup>
            {items}
              </ItemGroup>
              <Target Name="Build">
                <MSBuild Projects="@(StaticLinkTestPublish)" Targets="Publish" BuildInParallel="true" />
              </Target>
            </Project>
            """);
        return DotNetCli.Run(directory, ["msbuild", traversal, "-m:3", "-v:n", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-bl:" + Path.Combine(directory, "logs", "parallel.binlog")]);
    }

    [Test]
    public void Three_runtime_identifiers_published_in_parallel_each_get_their_own_whole_report()
    {
        var parallel = ScenarioProject.Create("parallel-rids", AppProject("parallelrids"));
        var alone = ScenarioProject.Create("sequential-rids", AppProject("parallelrids"));
        foreach (var project in new[] { parallel, alone })
        {
            var restore = project.Restore();
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        }

        var result = PublishInParallel(parallel.Directory, Rids.Select(rid => (parallel.ProjectFile, rid)));

        Assert.That(result.Output, Does.Not.Contain("MSB4018"), "a task crashed: " + result);
        foreach (var rid in Rids)
        {
            var sequential = alone.Publish("-r", rid, "--no-restore");
            var parallelReport = ReadReport(parallel.IntermediateDirectory("net10.0", rid));
            var sequentialReport = ReadReport(alone.IntermediateDirectory("net10.0", rid));
            Assert.Multiple(() =>
            {
                Assert.That(VerdictLines(result.Output), Has.Length.EqualTo(Rids.Length), "one verdict line per RID: " + result);
                Assert.That(parallelReport.Rid, Is.EqualTo(rid));
                Assert.That(parallelReport.Files, Does.Contain("libe_sqlite3.so"), rid);
                Assert.That(parallelReport.Files, Is.EqualTo(sequentialReport.Files), rid + ": the same files as a publish alone");
                Assert.That(parallelReport.Findings, Is.EqualTo(sequentialReport.Findings), rid + ": the same findings as a publish alone");
                Assert.That(parallelReport.Passed, Is.EqualTo(sequentialReport.Passed), rid + ": the same verdict as a publish alone");
                Assert.That(sequential.ExitCode == 0, Is.EqualTo(sequentialReport.Passed), sequential.ToString());
            });
        }
    }

    [Test]
    public void Two_projects_publishing_into_one_directory_at_once_are_both_checked()
    {
        var first = ScenarioProject.Create("shared-dir-first", AppProject("firstapp", "<PublishDir>$(MSBuildThisFileDirectory)../shared-publish/</PublishDir>"));
        var second = ScenarioProject.Create("shared-dir-second", AppProject("secondapp", "<PublishDir>$(MSBuildThisFileDirectory)../shared-publish/</PublishDir>"));
        foreach (var project in new[] { first, second })
        {
            var restore = project.Restore();
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        }

        var result = PublishInParallel(first.Directory, [(first.ProjectFile, "linux-x64"), (second.ProjectFile, "linux-x64")]);

        AssertSucceeded(result);
        var firstReport = ReadReport(first.IntermediateDirectory("net10.0", "linux-x64"));
        var secondReport = ReadReport(second.IntermediateDirectory("net10.0", "linux-x64"));
        Assert.Multiple(() =>
        {
            Assert.That(VerdictLines(result.Output), Has.Length.EqualTo(2), "both projects were checked: " + result);
            Assert.That(MSBuildDiagnostic.Parse(result.Output).Select(diagnostic => diagnostic.Code), Does.Not.Contain("SL1010"), "a file being copied by the other publish is never judged half written");
            Assert.That(firstReport.Files, Does.Contain("libe_sqlite3.so"));
            Assert.That(secondReport.Files, Does.Contain("libe_sqlite3.so"));
            Assert.That(firstReport.Passed && secondReport.Passed, Is.True);
        });
    }

    private static string[] VerdictLines(string output) =>
        output.Split('\n').Where(line => line.Contains("StaticLink: ", System.StringComparison.Ordinal) && line.Contains(" checked against ", System.StringComparison.Ordinal)).ToArray();

    private static ConcurrentPublishReport ReadReport(string intermediateDirectory)
    {
        var path = Path.Combine(intermediateDirectory, "staticlink", "report.json");
        Assert.That(File.Exists(path), Is.True, path);
        // Parsing the whole document is the corruption check: a torn or interleaved report does not parse.
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var files = root.GetProperty("files").EnumerateArray().Select(file => Path.GetFileName(file.GetProperty("path").GetString()!)).Order(System.StringComparer.Ordinal).ToArray();
        var findings = root.GetProperty("findings").EnumerateArray()
            .Select(finding => finding.GetProperty("code").GetString() + " " + Path.GetFileName(finding.TryGetProperty("file", out var file) ? file.GetString() ?? string.Empty : string.Empty))
            .Order(System.StringComparer.Ordinal).ToArray();
        return new ConcurrentPublishReport(root.GetProperty("rid").GetString()!, root.GetProperty("passed").GetBoolean(), files, findings);
    }
}
