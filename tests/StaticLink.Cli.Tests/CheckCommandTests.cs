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
    private string _muslHello = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        _build = new NativeBuild();
        _hello = _build.Compile("gcc", NativeBuild.HelloSource, "hello");
        _library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        _usesDemo = _build.Compile(
            "gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo", _library);
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
        Assert.That(lines[0], Does.StartWith("StaticLink: 1 native file of 1 in ").And.Contain("(linux-x64, policy glibc-portable)"));
        Assert.That(lines.Any(line => line.Contains(": error SL", StringComparison.Ordinal)), Is.False);
        Assert.That(lines[^1], Does.StartWith("StaticLink: passed: 0 errors"));
    }

    [Test]
    public void A_library_that_is_neither_bundled_nor_allowed_is_SL1001_and_exit_one()
    {
        var output = Output("unbundled", _usesDemo);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        var finding = Lines(run.Output).Single(line => line.Contains(" SL1001: ", StringComparison.Ordinal));
        Assert.That(finding, Does.StartWith("uses-demo: error SL1001: ").And.Contain("libdemo.so.1"));
        Assert.That(Lines(run.Output)[^1], Does.StartWith("StaticLink: FAILED: 1 error"));
    }

    [Test]
    public void The_same_library_bundled_in_the_output_passes()
    {
        var output = Output("bundled", _usesDemo, _library);

        var run = CliRun.Of("check", "--rid", "linux-x64", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
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
    }

    [Test]
    public void An_unknown_policy_name_is_SL1007_and_exit_one()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--policy", "anything-goes", Output("unknown-policy", _hello));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain(" SL1007: ").And.Contain("anything-goes"));
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
            Assert.That(root.GetProperty("policy").GetString(), Is.EqualTo("glibc-portable"));
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
