using System;
using System.IO;
using System.Linq;

namespace StaticLink.Cli.Tests;

/// <summary>staticlink baseline, and check --baseline / --update-baseline, on outputs built here, against debian.12.</summary>
[TestFixture]
public sealed class BaselineCommandTests
{
    private NativeBuild _build = null!;
    private string _library = null!;
    private string _usesDemo = null!;
    private string _usesOther = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        _build = new NativeBuild();
        _library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        var other = _build.Compile("gcc", NativeBuild.LibrarySource, "libother.so.2", "-shared", "-fPIC", "-Wl,-soname,libother.so.2");
        _usesDemo = _build.Compile("gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo", _library);
        _usesOther = _build.Compile("gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-other", other);
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void A_recorded_dependency_passes_check_with_the_baseline_and_a_new_one_fails()
    {
        var output = Output("recorded", _usesDemo);
        var baseline = _build.PathOf("recorded.baseline.json");

        var recorded = CliRun.Of("baseline", "--rid", "linux-x64", "--target", "debian.12", output, "-o", baseline);

        Assert.That(recorded.ExitCode, Is.Zero, recorded.Output + recorded.Error);
        Assert.That(recorded.Output, Is.EqualTo($"staticlink: wrote {baseline}: 1 file, 1 accepted finding.{Environment.NewLine}"));
        Assert.That(File.ReadAllText(baseline), Does.Contain("\"code\": \"SL1001\"").And.Contain("\"library\": \"libdemo.so.1\""));

        var accepted = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--baseline", baseline, output);
        Assert.That(accepted.ExitCode, Is.Zero, accepted.Output);
        Assert.That(Lines(accepted.Output).Single(line => line.Contains(" SL1001: ", StringComparison.Ordinal)), Does.StartWith("uses-demo: info SL1001: ").And.Contain("Accepted in the baseline " + baseline + "."));

        File.Copy(_usesOther, Path.Combine(output, "uses-other"));
        var grown = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--baseline", baseline, output);
        Assert.That(grown.ExitCode, Is.EqualTo(1), grown.Output);
        Assert.That(Lines(grown.Output).Where(line => line.Contains(": error SL", StringComparison.Ordinal)).ToArray(), Has.Length.EqualTo(1).And.Some.StartsWith("uses-other: error SL1001: "));

        var updated = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--baseline", baseline, "--update-baseline", output);
        Assert.That(updated.ExitCode, Is.Zero, updated.Output);
        Assert.That(File.ReadAllText(baseline), Does.Contain("\"path\": \"uses-other\""));
    }

    [Test]
    public void A_malformed_baseline_is_one_SL1007_line_and_exit_one()
    {
        var output = Output("malformed", _usesDemo);
        var baseline = _build.PathOf("malformed.baseline.json");
        File.WriteAllText(baseline, "{ \"version\": 1, \"files\": [ ");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--baseline", baseline, output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        var findings = Lines(run.Output).Where(line => line.Contains(" SL1", StringComparison.Ordinal)).ToArray();
        Assert.That(findings, Has.Length.EqualTo(1));
        Assert.That(findings[0], Does.StartWith($"{baseline}: error SL1007: The baseline file {baseline} cannot be used: it is not valid JSON"));
        Assert.That(run.Output + run.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Update_baseline_without_a_baseline_is_a_usage_error()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--update-baseline", Output("usage", _usesDemo));

        Assert.That(run.ExitCode, Is.EqualTo(64));
        Assert.That(run.Error, Does.Contain("--update-baseline needs --baseline FILE"));
    }

    private string Output(string name, params string[] files)
    {
        var directory = _build.PathOf("baseline-output-" + name);
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        return directory;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
}
