using System;
using System.IO;
using System.Text.Json;

namespace StaticLink.Cli.Tests;

/// <summary>staticlink tree on outputs built here, against debian.12.</summary>
[TestFixture]
public sealed class TreeCommandTests
{
    private NativeBuild _build = null!;
    private string _output = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        _build = new NativeBuild();
        var library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        var origin = _build.Compile("gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo-origin", library, "-Wl,-rpath,$ORIGIN");
        var plain = _build.Compile("gcc", "int demo_answer(void);\nint main(void) { return demo_answer(); }\n", "uses-demo", library);
        _output = _build.PathOf("tree-output");
        Directory.CreateDirectory(Path.Combine(_output, "bin"));
        File.Copy(library, Path.Combine(_output, "libdemo.so.1"));
        File.Copy(origin, Path.Combine(_output, "uses-demo-origin"));
        File.Copy(plain, Path.Combine(_output, "bin", "uses-demo"));
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void The_tree_shows_each_root_and_how_its_NEEDED_resolve()
    {
        var run = CliRun.Of("tree", _output, "--target", "debian.12");

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        var text = run.Output.Replace("\r", string.Empty, StringComparison.Ordinal);
        Assert.That(text, Does.StartWith(_output + " (linux-x64) on debian.12 (glibc 2.36)\n"));
        Assert.That(text, Does.Contain("\nuses-demo-origin\n    libdemo.so.1 => bundled at libdemo.so.1\n"));
        Assert.That(text, Does.Contain("\nbin/uses-demo\n    libdemo.so.1 => unreachable: the output has libdemo.so.1, but no run path reaches it\n"));
        Assert.That(text, Does.Contain("    libc.so.6 => from the target, /"));
    }

    [Test]
    public void Why_prints_the_chains_that_bring_a_library_in()
    {
        var run = CliRun.Of("tree", _output, "--target", "debian.12", "--why", "libdemo.so.1");

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        Assert.That(run.Output.Replace("\r", string.Empty, StringComparison.Ordinal), Is.EqualTo(
            "libdemo.so.1 on debian.12 (glibc 2.36): brought in by bin/uses-demo, uses-demo-origin\n"
            + "    bin/uses-demo => libdemo.so.1 (unreachable: the output has libdemo.so.1, but no run path reaches it)\n"
            + "    uses-demo-origin => libdemo.so.1 (bundled at libdemo.so.1)\n"));
    }

    [Test]
    public void The_json_format_is_one_document_with_a_tree_per_target()
    {
        var run = CliRun.Of("tree", _output, "--target", "debian.12", "--target", "debian.11", "--format", "json");

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        using var document = JsonDocument.Parse(run.Output);
        Assert.That(document.RootElement.GetProperty("targets").GetArrayLength(), Is.EqualTo(2));
        Assert.That(document.RootElement.GetProperty("targets")[1].GetProperty("target").GetString(), Is.EqualTo("debian.11"));
    }

    [Test]
    public void A_missing_path_exits_two()
    {
        var run = CliRun.Of("tree", _build.PathOf("nothing-here"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot read"));
    }
}
