using System.IO;

namespace StaticLink.Cli.Tests;

/// <summary>The command line (System.CommandLine): what is accepted, and that every mistake is exit 64 with the reason and where the help is.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    [TestCase(new string[0], "Required command was not provided", "staticlink --help")]
    [TestCase(new[] { "scan", "." }, "Unrecognized command or argument 'scan'", "staticlink --help")]
    [TestCase(new[] { "inspect" }, "at least one PATH", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--format", "xml", "." }, "Argument 'xml' not recognized. Must be one of:\n\t'text'\n\t'json'", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--format" }, "Required argument missing for option: '--format'", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--format", "json", "--format", "text", "." }, "expects a single argument but 2 were provided", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--recursive", "." }, "unknown option --recursive", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "-r", "." }, "unknown option -r", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--files-from=" }, "Required argument missing for option: '--files-from'", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--files-from", "" }, "--files-from needs a file name", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "--stats=yes", "." }, "option --stats does not take a value", "staticlink inspect --help")]
    [TestCase(new[] { "inspect", "" }, "an empty PATH", "staticlink inspect --help")]
    [TestCase(new[] { "check", "." }, "Option '--rid' is required", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64" }, "Required argument missing for command: 'check'", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "a", "b" }, "Unrecognized command or argument 'b'", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--format", "xml", "." }, "Argument 'xml' not recognized. Must be one of:\n\t'text'\n\t'json'\n\t'sarif'\n\t'markdown'", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--policy", "", "." }, "Argument '' not recognized. Must be one of:\n\t'glibc-portable'\n\t'musl-portable'\n\t'static'", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--policy", "anything-goes", "." }, "Argument 'anything-goes' not recognized", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--rules", " ", "." }, "option --rules needs a non-empty value", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--max-glibc", "2.x", "." }, "--max-glibc '2.x' is not a version such as 2.28", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--files-from", "x", "." }, "Unrecognized command or argument 'x'", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--recursive", "." }, "unknown option --recursive", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "win-x64", "." }, "--rid 'win-x64' is not a Linux runtime identifier", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-mips", "." }, "--rid 'linux-mips' has an architecture StaticLink does not know", "staticlink check --help")]
    [TestCase(new[] { "check", "--rid", "linux-x64", "--target", " ", "." }, "--target needs a non-empty value", "staticlink check --help")]
    [TestCase(new[] { "target" }, "Required command was not provided", "staticlink target --help")]
    [TestCase(new[] { "target", "list" }, "Unrecognized command or argument 'list'", "staticlink target --help")]
    [TestCase(new[] { "target", "capture" }, "Required argument missing for command: 'capture'", "staticlink target capture --help")]
    [TestCase(new[] { "target", "capture", ".", "--kind", "vm" }, "Argument 'vm' not recognized", "staticlink target capture --help")]
    [TestCase(new[] { "target", "capture", ".", "--arch", "mips" }, "--arch 'mips' is not a RID architecture", "staticlink target capture --help")]
    [TestCase(new[] { "target", "capture", ".", "--env", "NOVALUE" }, "--env takes NAME=VALUE, not 'NOVALUE'", "staticlink target capture --help")]
    [TestCase(new[] { "target", "capture", ".", "-o", "a", "--output", "b" }, "expects a single argument but 2 were provided", "staticlink target capture --help")]
    public void A_usage_error_exits_64_with_the_reason_and_where_the_help_is(string[] args, string reason, string help)
    {
        var run = CliRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(64), run.Error);
        Assert.That(run.Error.ReplaceLineEndings("\n"), Does.Contain(reason));
        Assert.That(run.Error, Does.StartWith("staticlink: "));
        Assert.That(run.Error, Does.EndWith($"Run '{help}' for the usage.{System.Environment.NewLine}"));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Help_lists_the_commands_on_standard_output_and_exits_zero(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("Usage:").And.Contain("Commands:"));
        Assert.That(run.Output, Does.Match(@"\n  inspect <PATH> +Reads every file").And.Match(@"\n  check <PATH> +Checks a publish directory").And.Match(@"\n  target +Commands about targets"));
        Assert.That(run.Output, Does.Contain("64 usage error"));
        Assert.That(run.Output, Does.Not.Contain("\n  help "), "the help command is there for old habits, not listed");
        Assert.That(run.Error, Is.Empty);
    }

    [TestCase("inspect", "--format <text|json>", "--files-from <LIST>", "--stats")]
    [TestCase("check", "--rid <RID> (REQUIRED)", "--target <TARGET>", "--framework <TFM>", "--policy <glibc-portable|musl-portable|static>", "--rules <FILE.json>", "--max-glibc <X.Y>", "--format <text|json|sarif|markdown>", "--report <FILE>")]
    [TestCase("target", "capture", "-o, --output <FILE>", "--id <ID>", "--kind <image|distribution|root-filesystem>", "--title <TITLE>", "--source <SOURCE>", "--arch <RID-ARCH>", "--alias <NAME>", "--env <NAME=VALUE>")]
    public void A_commands_help_lists_every_option(params string[] commandAndOptions)
    {
        var command = commandAndOptions[0] == "target" ? new[] { "target", commandAndOptions[1] } : new[] { commandAndOptions[0] };
        var options = commandAndOptions[command.Length..];

        foreach (var help in new[] { "--help", "-h" })
        {
            var run = CliRun.Of([.. command, help]);

            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Output, Does.Contain("Usage:").And.Contain("Options:"));
            foreach (var option in options)
            {
                Assert.That(run.Output, Does.Match(@"\n  " + System.Text.RegularExpressions.Regex.Escape(option) + "  +[A-Z]"), option);
            }

            Assert.That(run.Error, Is.Empty);
        }
    }

    [Test]
    public void Suggest_completes_option_values_from_the_choices_the_parser_accepts()
    {
        var line = "check --rid linux-x64 --policy ";
        var policies = CliRun.Of($"[suggest:{line.Length}]", line);
        line = "check --rid linux-musl-a";
        var rids = CliRun.Of($"[suggest:{line.Length}]", line);
        line = "check --rid linux-x64 --target debian.1";
        var targets = CliRun.Of($"[suggest:{line.Length}]", line);
        line = "ch";
        var commands = CliRun.Of($"[suggest:{line.Length}]", line);

        Assert.That(Lines(policies.Output), Is.EqualTo(new[] { "glibc-portable", "musl-portable", "static" }));
        Assert.That(Lines(rids.Output), Does.Contain("linux-musl-arm64").And.Contain("linux-musl-arm").And.Not.Contain("linux-x64"));
        Assert.That(Lines(targets.Output), Does.Contain("debian.12").And.Contain("debian.11").And.Not.Contain("rhel.8"));
        Assert.That(Lines(commands.Output), Is.EqualTo(new[] { "check" }));
        Assert.That(policies.ExitCode + rids.ExitCode + targets.ExitCode + commands.ExitCode, Is.Zero);
    }

    [Test]
    public void Check_refuses_a_format_whose_writer_is_not_there_yet_before_reading_anything()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--format", "markdown", "no-such-directory");

        Assert.That(run.ExitCode, Is.EqualTo(64));
        Assert.That(run.Error, Does.Contain("check --format markdown is not implemented yet"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void Version_prints_the_version_of_the_tool_and_a_newline_only()
    {
        var run = CliRun.Of("--version");
        var expected = typeof(CommandLine).Assembly.GetName().Version!.ToString(3);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\n$"), "no '+commit' build metadata, no banner");
        Assert.That(run.Output, Does.StartWith(expected));
        Assert.That(run.Error, Is.Empty);
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
    public void A_repeatable_option_takes_one_value_each_time_and_leaves_the_PATH_alone()
    {
        var path = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--target", "rhel.9", "--format", "json", path);

        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.Error);
        using var document = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.That(document.RootElement.GetProperty("policy").GetString(), Does.Contain("debian.12").And.Contain("rhel.9"));
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

    private static string[] Lines(string text) => text.Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);
}
