using System.IO;

namespace StaticLink.Cli.Tests;

/// <summary>The hand-written argument parsing: what is accepted, and that every mistake is exit 64 with the usage.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    [TestCase(new string[0], "a command is needed")]
    [TestCase(new[] { "scan", "." }, "unknown command 'scan'")]
    [TestCase(new[] { "inspect" }, "at least one PATH")]
    [TestCase(new[] { "inspect", "--format", "xml", "." }, "--format must be text or json")]
    [TestCase(new[] { "inspect", "--format" }, "option --format needs a value")]
    [TestCase(new[] { "inspect", "--format", "json", "--format", "text", "." }, "more than once")]
    [TestCase(new[] { "inspect", "--recursive", "." }, "unknown option --recursive")]
    [TestCase(new[] { "inspect", "-r", "." }, "unknown option -r")]
    [TestCase(new[] { "inspect", "--files-from=" }, "--files-from needs a file name")]
    [TestCase(new[] { "inspect", "--stats=yes", "." }, "does not take a value")]
    [TestCase(new[] { "inspect", "" }, "an empty PATH")]
    [TestCase(new[] { "check", "." }, "check needs --rid")]
    [TestCase(new[] { "check", "--rid", "linux-x64" }, "check needs the PATH")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "a", "b" }, "exactly one PATH")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--format", "sarif", "." }, "--format must be text or json")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--policy", "", "." }, "--policy needs a non-empty value")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--files-from", "x", "." }, "unknown option --files-from")]
    public void A_usage_error_exits_64_with_the_reason_and_the_usage(string[] args, string reason)
    {
        var run = CliRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(64));
        Assert.That(run.Error, Does.Contain(reason));
        Assert.That(run.Error, Does.Contain("usage: staticlink inspect"));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    [TestCase("inspect", "--help")]
    [TestCase("check", "-h")]
    public void Help_prints_the_usage_on_standard_output_and_exits_zero(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("usage: staticlink inspect").And.Contain("staticlink check --rid RID"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void Version_prints_the_assembly_version()
    {
        var run = CliRun.Of("--version");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public void Options_take_their_value_inline_or_as_the_next_argument()
    {
        var path = typeof(object).Assembly.Location;

        var inline = CliRun.Of("inspect", "--format=json", path);
        var separate = CliRun.Of("inspect", "--format", "json", path);

        Assert.That(inline.ExitCode, Is.EqualTo(0));
        Assert.That(inline.Output, Does.StartWith("{"));
        Assert.That(inline.Output, Is.EqualTo(separate.Output));
    }

    [Test]
    public void After_a_double_dash_an_argument_that_looks_like_an_option_is_a_path()
    {
        var run = CliRun.Of("inspect", "--format", "json", "--", "--not-an-option");

        Assert.That(run.ExitCode, Is.EqualTo(2), "the path does not exist");
        Assert.That(Json.String(run.Files()[0], "path"), Is.EqualTo("--not-an-option"));
    }

    [Test]
    public void Stats_report_files_per_second_and_peak_memory_on_standard_error_only()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libcoreclr.so");

        var run = CliRun.Of("inspect", "--format", "json", "--stats", path);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Files(), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Match(@"^stats: 1 files \(1 ELF, [\d.]+ MB\) in [\d.]+ s: \d+ files/s, \d+ MB/s, peak working set [\d.]+ MB"));
    }
}
