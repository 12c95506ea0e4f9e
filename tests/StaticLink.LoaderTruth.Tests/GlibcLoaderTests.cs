using System.IO;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>What Debian 12's glibc 2.36 loader really says, read through <see cref="RealLoader"/>.</summary>
[TestFixture]
public sealed class GlibcLoaderTests
{
    private NativeSamples _samples = null!;
    private RootFilesystem _root = null!;

    [OneTimeSetUp]
    public void BuildSamples()
    {
        _samples = NativeSamples.BuildGlibc();
        _root = RootFilesystem.GlibcBare();
    }

    [OneTimeTearDown]
    public void RemoveSamples() => _samples.Dispose();

    [Test]
    public void A_plain_program_loads_and_its_libc_comes_from_the_root()
    {
        var verdict = Ask("hello");

        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved["libc.so.6"], Is.EqualTo("/lib/x86_64-linux-gnu/libc.so.6"));
    }

    [Test]
    public void A_missing_NEEDED_is_reported_not_found_yet_the_trace_exits_0()
    {
        var verdict = Ask("libslmissing.so");

        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libdoesnotexist.so.9" }), verdict.RawOutput);
        Assert.That(verdict.ExitCode, Is.Zero, "glibc's trace mode lists and exits 0; only the parsed lines tell");
        Assert.That(verdict.Loads, Is.False);
        Assert.That(verdict.SymbolErrors, Has.Some.Property(nameof(SymbolError.Symbol)).EqualTo("gone_func"), "binding now reports what the missing library would have defined");
    }

    [Test]
    public void A_library_beside_it_is_not_found_without_RUNPATH()
    {
        var verdict = Ask("libslb-norpath.so");

        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libsla.so" }), verdict.RawOutput);
        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("a_func", File("libslb-norpath.so")) }));
    }

    [Test]
    public void A_library_beside_it_is_found_with_RUNPATH_ORIGIN()
    {
        var verdict = Ask("libslb-rpath.so");

        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved["libsla.so"], Is.EqualTo(LoaderVerdict.App));
    }

    [Test]
    public void An_undefined_symbol_is_reported_by_binding_now()
    {
        var verdict = Ask("libslundefined.so");

        Assert.That(verdict.Missing, Is.Empty, verdict.RawOutput);
        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("not_there_anywhere", File("libslundefined.so")) }));
        Assert.That(verdict.Loads, Is.False);
    }

    [Test]
    public void A_version_need_newer_than_the_roots_glibc_is_a_version_error()
    {
        var verdict = Ask("hello-needs-glibc-2.38");

        Assert.That(
            verdict.VersionErrors,
            Is.EqualTo(new[] { new VersionError("/lib/x86_64-linux-gnu/libc.so.6", "GLIBC_2.38", File("hello-needs-glibc-2.38")) }),
            verdict.RawOutput);
        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("__libc_start_main", File("hello-needs-glibc-2.38")) }));
        Assert.That(verdict.Missing, Is.Empty);
        Assert.That(verdict.Loads, Is.False);
    }

    [Test]
    public void A_musl_library_finds_no_libc_so_under_glibc()
    {
        using var musl = NativeSamples.BuildMusl();

        var verdict = RealLoader.AskAlone(_root, musl.PathOf("libsla.so"));

        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libc.so" }), verdict.RawOutput);
    }

    [Test]
    public void RunApp_runs_a_program_inside_the_root()
    {
        var result = RealLoader.RunApp(_root, _samples.OutputDirectory, "hello", []);

        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        Assert.That(result.StandardOutput, Is.EqualTo("hello from the root\n"));
    }

    [Test]
    public void RunApp_of_a_program_needing_a_newer_glibc_fails_as_it_would_on_the_target()
    {
        var result = RealLoader.RunApp(_root, _samples.OutputDirectory, "hello-needs-glibc-2.38", []);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Describe());
        Assert.That(result.StandardError, Does.Contain("version `GLIBC_2.38' not found"));
    }

    [Test]
    public void The_app_folder_is_removed_after_each_call()
    {
        Ask("hello");

        Assert.That(Directory.GetFileSystemEntries(_root.HostPath("/app")), Is.Empty);
    }

    /// <summary>How a verdict names a file of the output (see <see cref="RealLoader.Ask"/>).</summary>
    private static string File(string name) => "/app/" + name;

    private LoaderVerdict Ask(string name) => RealLoader.Ask(_root, _samples.OutputDirectory, name);
}
