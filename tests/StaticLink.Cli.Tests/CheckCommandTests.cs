using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace StaticLink.Cli.Tests;

/// <summary>staticlink check on real outputs built here: findings lines, the task's JSON report, and exit codes.</summary>
[TestFixture]
public sealed class CheckCommandTests
{
    private NativeBuild _build = null!;
    private string _library = null!;
    private string _hello = null!;
    private string _usesDemo = null!;
    private string _usesDemoWithOriginRunpath = null!;
    private string _muslHello = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        _build = new NativeBuild();
        _hello = _build.Compile("gcc", NativeBuild.HelloSource, "hello");
        _library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        _usesDemo = _build.Compile(
            "gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo", _library);
        _usesDemoWithOriginRunpath = _build.Compile(
            "gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo-origin", _library, "-Wl,-rpath,$ORIGIN");
        _muslHello = _build.Compile("musl-gcc", NativeBuild.HelloSource, "musl-hello");
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void A_glibc_output_that_needs_only_libc_passes_with_exit_zero()
    {
        var output = Output("pass", _hello);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var lines = Lines(run.Output);
        // No target named: .NET's floor (glibc 2.23), where this machine's GLIBC_2.34 is the warning SL2005, not an error.
        Assert.That(lines[0], Does.StartWith("StaticLink: 1 native file of 1 in ").And.Contain("(linux-x64, target dotnet-floor)"));
        Assert.That(lines.Any(line => line.Contains(": error SL", StringComparison.Ordinal)), Is.False);
        Assert.That(lines.Single(line => line.Contains(" SL2005: ", StringComparison.Ordinal)), Does.StartWith("hello: warning SL2005: hello needs GLIBC_2.34 from libc.so.6, newer than .NET's floor"));
        Assert.That(lines[^2], Does.StartWith("StaticLink: passed: 0 errors, 1 warning"));
        Assert.That(lines[^1], Is.EqualTo("StaticLink: 1 native file checked against dotnet-floor (no target named, so .NET's floor for the TFM and RID): passed, 0 errors, 1 warning."));
    }

    [Test]
    public void A_library_that_is_neither_bundled_nor_allowed_is_SL1001_and_exit_one()
    {
        var output = Output("unbundled", _usesDemo);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        var finding = Lines(run.Output).Single(line => line.Contains(" SL1001: ", StringComparison.Ordinal));
        Assert.That(finding, Does.StartWith("uses-demo: error SL1001: ").And.Contain("libdemo.so.1"));
        Assert.That(Lines(run.Output)[^2], Does.StartWith("StaticLink: FAILED: 1 error"));
        Assert.That(Lines(run.Output)[^1], Does.StartWith("StaticLink: 1 native file checked against dotnet-floor").And.Contain(": FAILED, 1 error"));
    }

    // Was "passes": the loader searches uses-demo's NEEDED in its run paths and the system, never beside it, so without
    // a RUNPATH $ORIGIN the bundled libdemo.so.1 is not reached (SL1009, measured with the real glibc loader).
    [Test]
    public void The_same_library_beside_it_without_a_runpath_is_SL1009_and_exit_one()
    {
        var output = Output("bundled", _usesDemo, _library);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        var finding = Lines(run.Output).Single(line => line.Contains(" SL1009: ", StringComparison.Ordinal));
        Assert.That(finding, Does.StartWith("uses-demo: error SL1009: uses-demo needs libdemo.so.1, which the output has as libdemo.so.1, out of the loader's reach. uses-demo has no RPATH or RUNPATH"));
        Assert.That(finding, Does.Contain("patchelf --set-rpath '$ORIGIN' uses-demo"));
        Assert.That(run.Output, Does.Not.Contain(" SL1001: "));
    }

    [Test]
    public void The_same_library_bundled_in_the_output_and_reached_through_RUNPATH_ORIGIN_passes()
    {
        var output = Output("bundled-origin", _usesDemoWithOriginRunpath, _library);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Not.Contain(": error SL"));
    }

    [Test]
    public void A_rules_file_can_allow_the_library()
    {
        var output = Output("allowed", _usesDemo);
        var rules = _build.PathOf("allow-demo.json");
        File.WriteAllText(rules, """{ "allow": [ { "pattern": "libdemo.so.*", "reason": "installed by the image" } ] }""");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--rules", rules, output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
    }

    [Test]
    public void An_invalid_rules_file_is_SL1007_and_exit_one()
    {
        var output = Output("bad-rules", _hello);
        var rules = _build.PathOf("bad.json");
        File.WriteAllText(rules, """{ "allow": "libz.so.1" }""");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--rules", rules, output);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain(": error SL1007: "));
    }

    [Test]
    public void A_glibc_file_in_a_musl_output_is_SL1002()
    {
        var output = Output("libc-mismatch", _hello, _muslHello);

        var run = CliRun.Of("check", "--rid", "linux-musl-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        var errors = Lines(run.Output).Where(line => line.Contains(": error SL", StringComparison.Ordinal)).ToArray();
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("hello: error SL1002: "));
    }

    [Test]
    public void A_glibc_limit_below_what_the_file_needs_is_SL1004()
    {
        var output = Output("too-new", _hello);

        var run = CliRun.Of("check", "--rid", "linux-x64", "--max-glibc", "2.0", output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("hello: error SL1004: "));
        // The limit is named as the user gave it, never as the MSBuild property of the same setting.
        Assert.That(run.Output, Does.Contain("allowed by --max-glibc.").And.Contain("Or raise the limit with --max-glibc "), run.Output);
        Assert.That(run.Output, Does.Not.Contain("StaticLinkMaxGlibcVersion"), run.Output);
    }

    [Test]
    public void An_unknown_target_names_the_option_it_came_from()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "./no-such-target.json", Output("unknown-target", _hello));

        Assert.That(run.ExitCode, Is.Not.Zero, run.Output + run.Error);
        Assert.That(run.Output + run.Error, Does.Contain("--target").And.Not.Contain("StaticLinkTarget"), run.Output + run.Error);
    }

    [Test]
    public void An_unknown_policy_name_is_a_usage_error_naming_the_policies()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--policy", "anything-goes", Output("unknown-policy", _hello));

        Assert.That(run.ExitCode, Is.EqualTo(64));
        Assert.That(run.Error, Does.Contain("'anything-goes' not recognized").And.Contain("'glibc-portable'").And.Contain("'musl-portable'").And.Contain("'static'"));
        Assert.That(run.Output, Is.Empty, "nothing was checked");
    }

    [Test]
    public void A_truncated_library_is_SL1010_naming_the_file()
    {
        var output = Output("truncated", _hello);
        File.WriteAllBytes(Path.Combine(output, "libbroken.so"), File.ReadAllBytes(_library).AsSpan(0, 300).ToArray());

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain("libbroken.so: error SL1010: "));
    }

    [Test]
    public void Json_format_prints_the_tasks_report_and_report_writes_the_same_to_a_file()
    {
        var output = Output("json", _usesDemo);
        var reportPath = _build.PathOf(Path.Combine("reports", "check.json"));

        var run = CliRun.Of("check", "--rid", "linux-x64", "--format", "json", "--report", reportPath, output);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(reportPath), Is.EqualTo(run.Output));
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("rid").GetString(), Is.EqualTo("linux-x64"));
            Assert.That(root.GetProperty("policy").GetString(), Is.EqualTo("dotnet-floor"), "the field holds the target id; none named, so .NET's floor");
            Assert.That(root.GetProperty("passed").GetBoolean(), Is.False);
            var file = root.GetProperty("files").EnumerateArray().Single();
            Assert.That(file.GetProperty("path").GetString(), Is.EqualTo("uses-demo"));
            Assert.That(file.GetProperty("external").EnumerateArray().Select(item => item.GetString()), Does.Contain("libdemo.so.1"));
            var finding = root.GetProperty("findings").EnumerateArray().Single(item => item.GetProperty("code").GetString() == "SL1001");
            Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("error"));
            Assert.That(finding.GetProperty("file").GetString(), Is.EqualTo("uses-demo"));
            Assert.That(finding.GetProperty("library").GetString(), Is.EqualTo("libdemo.so.1"));
        });
    }

    [Test]
    public void A_missing_root_exits_two()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", _build.PathOf("no-such-output"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("no-such-output"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void A_report_that_cannot_be_written_exits_two()
    {
        var output = Output("unwritable-report", _hello);
        var blocker = _build.PathOf("a-file");
        File.WriteAllText(blocker, "x");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--report", Path.Combine(blocker, "report.json"), output);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot write the report"));
    }

    private string Output(string name, params string[] files)
    {
        var directory = _build.PathOf("output-" + name);
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        return directory;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
