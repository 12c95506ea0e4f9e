using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.Policy;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared.Sarif;

namespace StaticLink.Core.Tests.Reporting;

/// <summary>
/// SARIF logs of real checks (the .NET runtime running these tests, judged as a glibc output that passes and as a musl
/// output that fails on every file; a configuration error; crafted facts) validated against the official OASIS schema
/// and against what GitHub code scanning needs: relative locations under a base id, stable fingerprints, every code a rule.
/// </summary>
public class SarifReportTests
{
    private static string RuntimeDirectory => RuntimeEnvironment.GetRuntimeDirectory();

    private static readonly SarifOptions Options = new() { HelpBase = "https://docs.example/staticlink/diagnostics/", ToolVersion = "1.2.3" };

    private static IEnumerable<TestCaseData> RealReports()
    {
        yield return new TestCaseData("passing: the .NET runtime as linux-x64", (Func<CheckReport>)(() => Check(RuntimeDirectory, "linux-x64")));
        yield return new TestCaseData("failing, many findings: the .NET runtime as linux-musl-x64", (Func<CheckReport>)(() => Check(RuntimeDirectory, "linux-musl-x64")));
        yield return new TestCaseData("configuration error: an unknown target", (Func<CheckReport>)(() => PublishChecker.Check(new CheckOptions { Root = RuntimeDirectory, RuntimeIdentifier = "linux-x64", Targets = ["no-such-target"] })));
        yield return new TestCaseData("crafted: glibc in musl, missing, ignored, unreadable", (Func<CheckReport>)CraftedReport);
        yield return new TestCaseData("200 files of packages and the runtime, 5 missing libraries", (Func<CheckReport>)MermaidGraphTests.TwoHundredFiles);
        yield return new TestCaseData("many findings: 200 glibc files in a musl output", (Func<CheckReport>)(() => Facts.Check(
            "linux-musl-x64",
            Enumerable.Range(0, 200).Select(index => Facts.File($"bin/tool{index}", Facts.GlibcExecutable("libc.so.6", $"libextra{index}.so.1"))).ToArray())));
    }

    [TestCaseSource(nameof(RealReports))]
    public void Real_reports_validate_against_the_official_schema_and_meet_GitHubs_needs(string name, Func<CheckReport> check)
    {
        var report = check();
        var sarif = SarifReport.ToSarif(report, Options);

        var errors = SarifSchema.SchemaErrors(sarif);
        var problems = SarifSchema.GitHubProblems(sarif);

        TestContext.Out.WriteLine($"{name}: {report.Files.Count} native files, {report.Findings.Count} findings, {sarif.Length} characters of SARIF, schema errors: {errors.Count}");
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        using var document = JsonDocument.Parse(sarif);
        Assert.That(document.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength(), Is.EqualTo(report.Findings.Count));
        Assert.That(report.Findings, Is.Not.Empty, "a log without results would prove little about results");
    }

    [Test]
    public void The_failing_musl_check_has_findings_to_validate()
    {
        // The case list above is only worth something if its reports really differ in what they hold.
        Assert.That(Check(RuntimeDirectory, "linux-x64").HasErrors, Is.False);
        var musl = Check(RuntimeDirectory, "linux-musl-x64");
        Assert.That(musl.HasErrors, Is.True);
        Assert.That(musl.Findings, Has.Count.GreaterThanOrEqualTo(10));
    }

    [TestCase("version", "2.0.0", Description = "a version the schema does not allow")]
    [TestCase("level", "fatal", Description = "a level outside error, warning, note, none")]
    [TestCase("helpUri", "not a uri", Description = "a help link that is not an absolute URI")]
    [TestCase("extra", "surprise", Description = "a property the schema does not define on a result")]
    [TestCase("message", null, Description = "a result without its required message")]
    public void A_deliberately_broken_log_fails_validation(string what, string? value)
    {
        var node = JsonNode.Parse(SarifReport.ToSarif(CraftedReport(), Options))!;
        var run = node["runs"]![0]!;
        var result = run["results"]![0]!.AsObject();
        switch (what)
        {
            case "version": node["version"] = value; break;
            case "level": result["level"] = value; break;
            case "helpUri": run["tool"]!["driver"]!["rules"]![0]!["helpUri"] = value; break;
            case "extra": result["extra"] = value; break;
            default: result.Remove("message"); break;
        }

        var errors = SarifSchema.SchemaErrors(node.ToJsonString());

        TestContext.Out.WriteLine(string.Join("\n", errors));
        Assert.That(errors, Is.Not.Empty);
    }

    [Test]
    public void Every_code_is_a_rule_at_a_fixed_index_with_its_help_page_and_default_level()
    {
        using var document = JsonDocument.Parse(SarifReport.ToSarif(CraftedReport(), Options));
        var driver = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();

        Assert.That(driver.GetProperty("name").GetString(), Is.EqualTo("StaticLink"));
        Assert.That(driver.GetProperty("version").GetString(), Is.EqualTo("1.2.3"));
        Assert.That(driver.GetProperty("informationUri").GetString(), Is.EqualTo("https://docs.example/staticlink/diagnostics/README.md"));
        Assert.That(rules.Select(rule => rule.GetProperty("id").GetString()), Is.EqualTo(DiagnosticDescriptions.Codes));
        var unexpected = rules[SarifReport.RuleIndex(DiagnosticCodes.UnexpectedLibrary)];
        Assert.That(unexpected.GetProperty("name").GetString(), Is.EqualTo("UnexpectedLibrary"));
        Assert.That(unexpected.GetProperty("helpUri").GetString(), Is.EqualTo("https://docs.example/staticlink/diagnostics/SL1001.md"));
        Assert.That(unexpected.GetProperty("shortDescription").GetProperty("text").GetString(), Does.StartWith("A file needs a shared library"));
        Assert.That(unexpected.GetProperty("fullDescription").GetProperty("text").GetString(), Does.Contain("An error by default"));
        Assert.That(unexpected.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(rules[SarifReport.RuleIndex(DiagnosticCodes.UnsafeRunPath)].GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("warning"));
        Assert.That(rules[SarifReport.RuleIndex(DiagnosticCodes.AlternativeBuild)].GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("note"));
    }

    [Test]
    public void A_local_help_directory_becomes_file_uris_of_its_pages()
    {
        using var docs = new TempDirectory();
        var options = new SarifOptions { HelpBase = docs.Path };

        using var document = JsonDocument.Parse(SarifReport.ToSarif(CraftedReport(), options));
        var rule = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];

        Assert.That(rule.GetProperty("helpUri").GetString(), Is.EqualTo(new Uri(Path.Combine(docs.Path, "SL1001.md")).AbsoluteUri));
    }

    [Test]
    public void Without_a_help_base_the_links_are_left_out_and_the_log_is_still_valid()
    {
        var sarif = SarifReport.ToSarif(CraftedReport(), new SarifOptions());

        using var document = JsonDocument.Parse(sarif);
        var driver = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.That(driver.TryGetProperty("informationUri", out _), Is.False);
        Assert.That(driver.GetProperty("rules")[0].TryGetProperty("helpUri", out _), Is.False);
        Assert.That(driver.GetProperty("rules")[0].GetProperty("help").GetProperty("text").GetString(), Does.Contain("docs/diagnostics/SL1001.md"));
        Assert.That(SarifSchema.SchemaErrors(sarif), Is.Empty);
    }

    [Test]
    public void Results_carry_level_message_relative_location_package_and_target()
    {
        var report = CraftedReport();

        using var document = JsonDocument.Parse(SarifReport.ToSarif(report, Options));
        var run = document.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var unexpected = results.Single(result => result.GetProperty("ruleId").GetString() == DiagnosticCodes.UnexpectedLibrary);
        var finding = report.Findings.Single(item => item.Code == DiagnosticCodes.UnexpectedLibrary);

        Assert.That(run.GetProperty("originalUriBaseIds").GetProperty(SarifReport.PublishRootId).GetProperty("uri").GetString(), Is.EqualTo("file:///output/"));
        Assert.That(unexpected.GetProperty("ruleIndex").GetInt32(), Is.EqualTo(SarifReport.RuleIndex(DiagnosticCodes.UnexpectedLibrary)));
        Assert.That(unexpected.GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(unexpected.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo(finding.Message));
        var location = unexpected.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.That(location.GetProperty("uri").GetString(), Is.EqualTo("runtimes/linux%20x64/native/libMonoPosixHelper.so"));
        Assert.That(location.GetProperty("uriBaseId").GetString(), Is.EqualTo(SarifReport.PublishRootId));
        var properties = unexpected.GetProperty("properties");
        Assert.That(properties.GetProperty("package").GetString(), Is.EqualTo("Mono.Posix.NETStandard 1.0.0"));
        Assert.That(properties.GetProperty("target").GetString(), Is.EqualTo("musl-portable"));
        Assert.That(properties.GetProperty("library").GetString(), Is.EqualTo("libz.so.1"));
        Assert.That(properties.GetProperty("fix").GetString(), Is.EqualTo(finding.Fix!.PlainText()));
        Assert.That(results.Select(result => result.GetProperty("level").GetString()), Is.All.AnyOf("error", "warning", "note"));
    }

    [Test]
    public void With_the_repository_as_base_locations_include_the_publish_directorys_path_in_it()
    {
        var report = Check(RuntimeDirectory, "linux-musl-x64");
        var repository = Path.GetFullPath(Path.Combine(RuntimeDirectory, "..", ".."));
        var below = Path.GetRelativePath(repository, RuntimeDirectory).Replace('\\', '/').TrimEnd('/') + "/";

        var sarif = SarifReport.ToSarif(report, new SarifOptions { BaseDirectory = repository });

        using var document = JsonDocument.Parse(sarif);
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.That(run.GetProperty("originalUriBaseIds").GetProperty(SarifReport.SourceRootId).GetProperty("uri").GetString(), Is.EqualTo(new Uri(repository + "/").AbsoluteUri));
        var first = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.That(first.GetProperty("uriBaseId").GetString(), Is.EqualTo(SarifReport.SourceRootId));
        Assert.That(first.GetProperty("uri").GetString(), Is.EqualTo(SarifUrisOf(below + report.Findings[0].File)));
        Assert.That(SarifSchema.SchemaErrors(sarif), Is.Empty);
        Assert.That(SarifSchema.GitHubProblems(sarif), Is.Empty);
    }

    [Test]
    public void A_base_that_does_not_hold_the_publish_directory_falls_back_to_the_publish_directory()
    {
        var report = CraftedReport();

        using var document = JsonDocument.Parse(SarifReport.ToSarif(report, new SarifOptions { BaseDirectory = "/somewhere/else" }));

        var bases = document.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds");
        Assert.That(bases.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { SarifReport.PublishRootId }));
    }

    [Test]
    public void Fingerprints_and_locations_are_the_same_for_the_same_output_in_two_places_and_in_another_order()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory("staticlink-tests-elsewhere-");
        foreach (var library in Directory.GetFiles(RuntimeDirectory, "*.so"))
        {
            File.Copy(library, Path.Combine(first.Path, Path.GetFileName(library)));
            File.Copy(library, Path.Combine(second.Path, Path.GetFileName(library)));
        }

        var one = Results(SarifReport.ToSarif(Check(first.Path, "linux-musl-x64"), Options));
        var reversed = Check(second.Path, "linux-musl-x64");
        var other = Results(SarifReport.ToSarif(new CheckReport
        {
            Root = reversed.Root,
            RuntimeIdentifier = reversed.RuntimeIdentifier,
            PolicyName = reversed.PolicyName,
            Targets = reversed.Targets,
            Files = reversed.Files,
            Findings = reversed.Findings.Reverse().ToList(),
        }, Options));

        Assert.That(one, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(one.Select(result => result.Fingerprint).Distinct().Count(), Is.EqualTo(one.Count), "one alert per finding");
        Assert.That(other.Select(result => result.Fingerprint), Is.EquivalentTo(one.Select(result => result.Fingerprint)));
        Assert.That(other.Select(result => (result.Fingerprint, result.Uri)), Is.EquivalentTo(one.Select(result => (result.Fingerprint, result.Uri))));
        Assert.That(one.Select(result => result.Uri), Has.None.Contain(first.Path.TrimStart('/')), "no absolute path in a location");
    }

    [Test]
    public void The_fingerprint_changes_with_the_code_the_file_the_library_and_the_target_and_nothing_else()
    {
        var finding = new Finding("SL1001", FindingSeverity.Error, "lib/libfoo.so", "message one", "libz.so.1", "policy x", new FindingFix(FixStep.Advice("fix")), "Foo 1.0", "debian.12");
        var fingerprint = SarifFingerprint.Of(finding);

        Assert.That(SarifFingerprint.Of(finding with { Message = "another wording", Rule = "another rule", Fix = new FindingFix(FixStep.Advice("another fix")), Package = "Foo 2.0", Severity = FindingSeverity.Warning }), Is.EqualTo(fingerprint));
        Assert.That(SarifFingerprint.Of(finding with { Code = "SL1009" }), Is.Not.EqualTo(fingerprint));
        Assert.That(SarifFingerprint.Of(finding with { File = "lib/libbar.so" }), Is.Not.EqualTo(fingerprint));
        Assert.That(SarifFingerprint.Of(finding with { Library = "libssl.so.3" }), Is.Not.EqualTo(fingerprint));
        Assert.That(SarifFingerprint.Of(finding with { Target = "alpine.3.20" }), Is.Not.EqualTo(fingerprint));
        Assert.That(fingerprint, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void A_configuration_finding_points_at_the_configuration_file_or_else_at_the_checked_root()
    {
        var report = PublishChecker.Check(new CheckOptions { Root = RuntimeDirectory, RuntimeIdentifier = "linux-x64", Targets = ["no-such-target"] });
        Assert.That(report.Findings.Where(finding => finding.File is null), Is.Not.Empty);
        var project = Path.Combine(RuntimeDirectory, "app.csproj");

        var atRoot = Location(SarifReport.ToSarif(report, new SarifOptions()));
        var atProject = Location(SarifReport.ToSarif(report, new SarifOptions { ConfigurationFile = project }));
        var outside = Location(SarifReport.ToSarif(report, new SarifOptions { ConfigurationFile = "/elsewhere/app.csproj" }));

        Assert.That(atRoot, Is.EqualTo(("./", SarifReport.PublishRootId)));
        Assert.That(atProject, Is.EqualTo(("app.csproj", SarifReport.PublishRootId)));
        Assert.That(outside, Is.EqualTo(("file:///elsewhere/app.csproj", (string?)null)));
    }

    private static (string? Uri, string? BaseId) Location(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var artifact = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        return (artifact.GetProperty("uri").GetString(), artifact.TryGetProperty("uriBaseId", out var baseId) ? baseId.GetString() : null);
    }

    private static List<(string Fingerprint, string Uri)> Results(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        return document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => (
                result.GetProperty("partialFingerprints").GetProperty(SarifFingerprint.Key).GetString()!,
                result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!))
            .ToList();
    }

    private static string SarifUrisOf(string relativePath) => string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString));

    private static CheckReport Check(string root, string rid) =>
        PublishChecker.Check(new CheckOptions { Root = root, RuntimeIdentifier = rid });

    /// <summary>A glibc file with a missing library in a musl output, a musl file that passes, an ignored and an unreadable one.</summary>
    internal static CheckReport CraftedReport()
    {
        var helper = Facts.Library("libMonoPosixHelper.so", "libz.so.1", "libc.so.6");
        helper.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.14"])];
        var sqlite = Facts.Library("libe_sqlite3.so", "libc.musl-x86_64.so.1");
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-musl-x64",
            PolicyName = "musl-portable",
            Ignore = [new IgnoreRule("libignored.so", "test")],
            FileOrigins = new Dictionary<string, string> { ["runtimes/linux x64/native/libMonoPosixHelper.so"] = "Mono.Posix.NETStandard 1.0.0" },
        };

        return Facts.Check(
            options,
            Facts.File("runtimes/linux x64/native/libMonoPosixHelper.so", helper),
            Facts.File("libe_sqlite3.so", sqlite),
            Facts.File("libignored.so", Facts.Library("libignored.so", "libnothing.so")),
            Facts.Broken("libbroken.so", "truncated", 0x40));
    }
}
