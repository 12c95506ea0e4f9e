using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Tests.Shared.Sarif;

namespace StaticLink.Integration.Tests;

/// <summary>
/// A publish through the gate as a GitHub Actions job runs it: GITHUB_STEP_SUMMARY set (with an earlier step's text
/// in it) and StaticLinkSarifPath given. The app is self-contained and references a package whose P/Invoke library
/// needs its neighbour without RUNPATH $ORIGIN (SL1009), so the summary has a failure, a runtime group and an
/// unreachable library to show, and the SARIF log has errors and notes to carry.
/// </summary>
public sealed class CiReportsTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string PackageId = "StaticLinkTests.ReportsAcme";
    private const string EarlierStep = "## Build\n\nan earlier step's summary\n\n";

    private StaticProfileTestPackage _package = null!;

    [OneTimeSetUp]
    public void WritePackage()
    {
        var directory = Path.Combine(PackageFeed.WorkDirectory, "native-" + PackageId);
        var foo = Path.Combine(directory, "libfoo.so.1");
        var acme = Path.Combine(directory, "libacme.so");
        StaticProfileTools.Compile("gcc", "int foo_answer(void) { return 41; }\n", foo, "-shared", "-fPIC", "-Wl,-soname,libfoo.so.1");
        StaticProfileTools.Compile("gcc", "int foo_answer(void);\nint acme_answer(void) { return foo_answer() + 1; }\n", acme, ["-shared", "-fPIC", "-L" + directory, "-Wl,--no-as-needed", "-l:libfoo.so.1"]);
        _package = StaticProfileTestPackage.Write(PackageId, new Dictionary<string, string>
        {
            ["runtimes/linux-x64/native/libacme.so"] = acme,
            ["runtimes/linux-x64/native/libfoo.so.1"] = foo,
        });
    }

    [OneTimeTearDown]
    public void DeletePackageFromCache() => _package.DeleteFromCache();

    [Test]
    public void The_publish_appends_the_job_summary_and_writes_a_SARIF_log_that_validates()
    {
        var project = ScenarioProject.Create("cireports", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <SelfContained>true</SelfContained>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                {ScenarioProject.PackageReference}
                <PackageReference Include="{PackageId}" Version="{StaticProfileTestPackage.Version}" />
              </ItemGroup>
            </Project>
            """);
        var summary = Path.Combine(project.Directory, "step-summary.md");
        var sarif = Path.Combine(project.Directory, "out", "staticlink.sarif");
        File.WriteAllText(summary, EarlierStep);

        var result = project.PublishWith(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_WORKSPACE"] = project.Directory }, "-r", Rid, "-p:StaticLinkSarifPath=" + sarif);

        AssertFailedCleanly(result);
        Assert.That(Diagnostics(result, "SL1009"), Has.Length.EqualTo(1), result.ToString());

        // The job summary: appended after the earlier step, with the verdict, the table and the graph.
        var markdown = File.ReadAllText(summary);
        TestContext.Out.WriteLine(markdown);
        Assert.That(markdown, Does.StartWith(EarlierStep + "### StaticLink: cireports (linux-x64) ❌ FAILED\n"));
        var verdict = result.Output.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith("StaticLink: ", System.StringComparison.Ordinal) && line.Contains(" native files checked against ", System.StringComparison.Ordinal));
        var unescaped = System.Text.RegularExpressions.Regex.Replace(markdown, @"\\(.)", "$1");
        Assert.That(unescaped, Does.Contain(verdict.Substring(0, verdict.IndexOf(" Report: ", System.StringComparison.Ordinal))), "the summary's verdict line is the one the build prints");
        Assert.That(markdown, Does.Contain("| file | package | linkage | libc | needs | min glibc | size | verdict |"));
        Assert.That(markdown, Does.Contain($"| libacme.so | {PackageId} {StaticProfileTestPackage.Version} | dynamic | glibc | libfoo.so.1 (unreachable), libc.so.6 (target) |"));
        Assert.That(markdown, Does.Match(@"\| libcoreclr\.so \| the \.NET runtime \(Microsoft\.NETCore\.App\.Runtime\.linux\-x64 [^|]*\| dynamic \| glibc \|"));
        Assert.That(markdown, Does.Contain("| error | SL1009 | libacme.so |"));
        Assert.That(markdown, Does.Contain("```mermaid\nflowchart LR\n"));
        Assert.That(markdown, Does.Match("\\[\"the \\.NET runtime<br/>\\d+ files\"\\]"), "the runtime's files are one node");
        Assert.That(markdown, Does.Contain("[\"libfoo.so.1<br/>in the output, not on the RUNPATH\"]"));
        Assert.That(markdown, Does.Match("  class u0 unreachable\n"));
        Assert.That(markdown, Does.Match(@"f\d+\[""libacme\.so<br/>StaticLinkTests\.ReportsAcme [^""]*""\]"));

        // The SARIF log: valid against the official schema, located relative to the checkout.
        var log = File.ReadAllText(sarif);
        var errors = SarifSchema.SchemaErrors(log);
        TestContext.Out.WriteLine($"SARIF {sarif}: {log.Length} characters, {errors.Count} schema errors");
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        Assert.That(SarifSchema.GitHubProblems(log), Is.Empty);
        using var document = JsonDocument.Parse(log);
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.That(run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString(), Is.EqualTo(new System.Uri(project.Directory + "/").AbsoluteUri));
        var unreachable = run.GetProperty("results").EnumerateArray().Single(item => item.GetProperty("ruleId").GetString() == "SL1009");
        Assert.That(unreachable.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("bin/Release/net10.0/linux-x64/publish/libacme.so"));
        Assert.That(unreachable.GetProperty("properties").GetProperty("package").GetString(), Is.EqualTo($"{PackageId} {StaticProfileTestPackage.Version}"));
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[unreachable.GetProperty("ruleIndex").GetInt32()];
        Assert.That(rule.GetProperty("helpUri").GetString(), Does.StartWith("file:///").And.EndWith("/docs/diagnostics/SL1009.md"));
        Assert.That(File.Exists(new System.Uri(rule.GetProperty("helpUri").GetString()!).LocalPath), Is.True, "the help link points at the packaged page");
    }
}
