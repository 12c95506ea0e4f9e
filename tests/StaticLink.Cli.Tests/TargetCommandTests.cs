using System;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Cli.Tests;

/// <summary>
/// staticlink target capture of real Debian roots, and staticlink check --target with the file it writes or with a
/// root directory, each verdict proven by asking the same root's real loader about the same output.
/// </summary>
[TestFixture]
public sealed class TargetCommandTests
{
    private NativeBuild _build = null!;
    private string _output = null!;

    [OneTimeSetUp]
    public void BuildProgram()
    {
        _build = new NativeBuild();
        // Linked against a stand-in libz.so.1 (so no zlib development files are needed): the program NEEDs libz.so.1
        // and calls zlibVersion, which the real zlib of a root defines. The stand-in stays out of the output.
        var zlib = _build.Compile("gcc", "const char *zlibVersion(void) { return \"stand-in\"; }\n", "libz.so.1", "-shared", "-fPIC", "-Wl,-soname,libz.so.1");
        var program = _build.Compile("gcc", "#include <stdio.h>\nconst char *zlibVersion(void);\nint main(void) { puts(zlibVersion()); return 0; }\n", "uses-zlib", zlib);
        _output = _build.PathOf("output");
        Directory.CreateDirectory(_output);
        File.Copy(program, Path.Combine(_output, "uses-zlib"));
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void A_captured_root_with_zlib_passes_a_program_that_needs_libz_and_its_loader_agrees()
    {
        var root = RootFilesystem.GlibcFull();
        var target = _build.PathOf("glibc-full.json");

        var capture = CliRun.Of("target", "capture", root.Path, "--id", "glibc-full", "-o", target);

        Assert.That(capture.ExitCode, Is.Zero, capture.Error);
        Assert.That(File.ReadAllText(target), Does.Contain("\"libz.so.1\""), "the capture lists zlib1g's library");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", target, _output);

        var verdict = RealLoader.Ask(root, _output, "uses-zlib");
        TestContext.Out.WriteLine(run.Output + "\nloader: " + verdict.Summary());
        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved.Keys, Does.Contain("libz.so.1"), verdict.RawOutput);
        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        Assert.That(Lines(run.Output).Where(line => line.Contains(": error SL", StringComparison.Ordinal)), Is.Empty, run.Output);
        Assert.That(Lines(run.Output)[^1], Does.StartWith("StaticLink: 1 native file checked against glibc-full").And.Contain(": passed, 0 errors"));
    }

    [Test]
    public void A_root_directory_without_zlib_is_SL1001_for_libz_and_its_loader_agrees()
    {
        var root = RootFilesystem.GlibcOnly();

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", root.Path, _output);

        var verdict = RealLoader.Ask(root, _output, "uses-zlib");
        TestContext.Out.WriteLine(run.Output + "\nloader: " + verdict.Summary());
        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libz.so.1" }), verdict.RawOutput);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        var errors = Lines(run.Output).Where(line => line.Contains(": error SL", StringComparison.Ordinal)).ToArray();
        Assert.That(errors, Has.Length.EqualTo(1), run.Output);
        Assert.That(errors[0], Does.StartWith("uses-zlib: error SL1001: uses-zlib needs libz.so.1"));
        Assert.That(Lines(run.Output)[^1], Does.Contain(": FAILED, 1 error"));
    }

    [Test]
    public void A_malformed_target_file_is_one_SL1007_line_naming_the_file_line_and_column()
    {
        var target = _build.PathOf("broken.json");
        // The comma after "glibc" is missing: line 4, where column 31 is the quote that opens "version".
        File.WriteAllText(target, "{\n  \"schemaVersion\": 1,\n  \"id\": \"broken\",\n  \"libc\": { \"flavor\": \"glibc\" \"version\": \"2.36\" },\n  \"libraries\": []\n}\n");

        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", target, _output);

        TestContext.Out.WriteLine(run.Output + run.Error);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        var problems = Lines(run.Output + run.Error).Where(line => line.Contains(" SL1007: ", StringComparison.Ordinal)).ToArray();
        Assert.That(problems, Has.Length.EqualTo(1), run.Output + run.Error);
        Assert.That(problems[0], Does.Contain(": error SL1007: ").And.Contain(target).And.Contain("line 4, column 31: '\"' is invalid after a value."));
        Assert.That(run.Output + run.Error, Does.Not.Match(@"\n\s+at \w"), "no stack trace");
    }

    [Test]
    public void An_unknown_target_name_is_a_usage_error_listing_examples()
    {
        var run = CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.99", _output);

        TestContext.Out.WriteLine(run.Output + run.Error);
        Assert.That(run.ExitCode, Is.EqualTo(64), run.Output + run.Error);
        Assert.That(run.Output, Is.Empty, "nothing was checked");
        var problems = Lines(run.Error).Where(line => line.StartsWith("staticlink: ", StringComparison.Ordinal)).ToArray();
        Assert.That(problems, Has.Length.EqualTo(1), run.Error);
        Assert.That(problems[0], Does.Contain("--target 'debian.99' is not a built-in target, a target file or a directory"));
        Assert.That(problems[0], Does.Contain("debian.12").And.Contain("rhel.8").And.Contain("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled").And.Contain("docs/targets.md"));
    }

    [Test]
    public void A_target_of_another_architecture_passes_the_command_line_and_is_SL1007_from_the_engine()
    {
        var run = CliRun.Of("check", "--rid", "linux-s390x", "--target", "debian.12", _output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain(" SL1007: ").And.Contain("has no s390x entry in the catalogue"));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
