using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Tests.Shared.Sarif;

namespace StaticLink.Cli.Tests;

/// <summary>staticlink check --format sarif|markdown [-o FILE] on real binaries built here.</summary>
[TestFixture]
public sealed class CheckFormatTests
{
    private NativeBuild _build = null!;
    private string _output = null!;

    [OneTimeSetUp]
    public void BuildOutput()
    {
        // A glibc program that needs a library the output has but cannot reach (no RUNPATH), and one it lacks.
        _build = new NativeBuild();
        var library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        var missing = _build.Compile("gcc", "int gone(void) { return 1; }\n", "libgone.so.1", "-shared", "-fPIC", "-Wl,-soname,libgone.so.1");
        var program = _build.Compile("gcc", "int demo_answer(void);\nint gone(void);\nint main(void) { return demo_answer() + gone(); }\n", "uses-demo", library, missing);
        _output = _build.PathOf("output");
        Directory.CreateDirectory(_output);
        File.Copy(program, Path.Combine(_output, "uses-demo"));
        File.Copy(library, Path.Combine(_output, "libdemo.so.1"));
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void Sarif_goes_to_standard_output_and_validates_against_the_official_schema()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--format", "sarif", _output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(SarifSchema.SchemaErrors(run.Output), Is.Empty);
        Assert.That(SarifSchema.GitHubProblems(run.Output), Is.Empty);
        using var document = JsonDocument.Parse(run.Output);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(result => result.GetProperty("ruleId").GetString()), Is.EquivalentTo(new[] { "SL1001", "SL1009" }));
        Assert.That(results.Select(result => result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()), Is.All.EqualTo("uses-demo"));
    }

    [Test]
    public void Markdown_with_o_goes_to_the_file_and_nothing_to_standard_output()
    {
        var file = _build.PathOf("reports/summary.md");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--format", "markdown", "-o", file, _output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.Output, Is.Empty);
        var markdown = File.ReadAllText(file);
        Assert.That(markdown, Does.StartWith("### StaticLink ❌ FAILED\n"));
        Assert.That(markdown, Does.Contain("| uses-demo | the app | dynamic | glibc | libdemo.so.1 (unreachable), libgone.so.1 (missing), libc.so.6 (target) |"));
        Assert.That(markdown, Does.Contain("```mermaid\nflowchart LR\n"));
        Assert.That(markdown, Does.Contain("[\"libgone.so.1<br/>missing\"]"));
    }

    [Test]
    public void Sarif_with_output_writes_the_same_log_as_standard_output()
    {
        var file = _build.PathOf("staticlink.sarif");

        var toFile = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--format", "sarif", "--output", file, _output);
        var toStandardOutput = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--format", "sarif", _output);

        Assert.That(toFile.Output, Is.Empty);
        Assert.That(File.ReadAllText(file), Is.EqualTo(toStandardOutput.Output));
    }

    [Test]
    public void An_output_file_that_cannot_be_written_is_exit_two()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--format", "sarif", "-o", "/proc/staticlink/x.sarif", _output);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot write /proc/staticlink/x.sarif"));
    }
}
