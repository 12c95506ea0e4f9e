using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>What Debian 12's musl 1.2.3 loader really says, read through <see cref="RealLoader"/>.</summary>
[TestFixture]
public sealed class MuslLoaderTests
{
    private NativeSamples _samples = null!;
    private RootFilesystem _root = null!;

    [OneTimeSetUp]
    public void BuildSamples()
    {
        _samples = NativeSamples.BuildMusl();
        _root = RootFilesystem.Musl();
    }

    [OneTimeTearDown]
    public void RemoveSamples() => _samples.Dispose();

    [Test]
    public void A_plain_program_loads_and_libc_so_is_the_loader_itself()
    {
        var verdict = Ask("hello");

        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved["libc.so"], Is.EqualTo("/lib/ld-musl-x86_64.so.1"));
    }

    [Test]
    public void A_missing_NEEDED_is_an_error_loading_and_exit_code_127()
    {
        var verdict = Ask("libslmissing.so");

        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libdoesnotexist.so.9" }), verdict.RawOutput);
        Assert.That(verdict.ExitCode, Is.EqualTo(127));
        Assert.That(verdict.RawOutput, Does.Contain("Error loading shared library libdoesnotexist.so.9: No such file or directory (needed by /app/libslmissing.so)"));
    }

    [Test]
    public void A_library_beside_it_is_not_found_without_RUNPATH()
    {
        var verdict = Ask("libslb-norpath.so");

        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libsla.so" }), verdict.RawOutput);
        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("a_func", "/app/libslb-norpath.so") }));
    }

    [Test]
    public void A_library_beside_it_is_found_with_RUNPATH_ORIGIN()
    {
        var verdict = Ask("libslb-rpath.so");

        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved["libsla.so"], Is.EqualTo(LoaderVerdict.App));
    }

    [Test]
    public void A_symbol_newer_than_musl_1_2_3_is_an_error_relocating()
    {
        var verdict = Ask("libslpreadv2.so");

        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("preadv2", "/app/libslpreadv2.so") }), verdict.RawOutput);
        Assert.That(verdict.RawOutput, Does.Contain("Error relocating /app/libslpreadv2.so: preadv2: symbol not found"));
        Assert.That(verdict.ExitCode, Is.EqualTo(127));
        Assert.That(verdict.Loads, Is.False);
    }

    [Test]
    public void An_undefined_symbol_is_an_error_relocating()
    {
        var verdict = Ask("libslundefined.so");

        Assert.That(verdict.SymbolErrors, Is.EqualTo(new[] { new SymbolError("not_there_anywhere", "/app/libslundefined.so") }), verdict.RawOutput);
    }

    [Test]
    public void A_glibc_program_that_uses_only_what_musl_also_has_lists_as_loading()
    {
        // musl ignores symbol versions and answers libc.so.6 with itself, so the listing is clean; the program
        // still would not start by itself there, its PT_INTERP /lib64/ld-linux-x86-64.so.2 being absent.
        using var glibc = NativeSamples.BuildGlibc();

        var verdict = RealLoader.AskAlone(_root, glibc.PathOf("hello"));

        Assert.That(verdict.Loads, Is.True, verdict.RawOutput);
        Assert.That(verdict.Resolved["libc.so.6"], Does.StartWith("/lib"));
    }

    [Test]
    public void Musl_answers_the_C_librarys_reserved_names_with_itself_and_nothing_else()
    {
        string[] names =
        [
            "libc.so", "libc.so.6", "libc.musl-x86_64.so.1", "libdl.so", "libdl.so.2", "libpthread.so.0", "libm.so.6",
            "librt.so.1", "libutil.so.1", "libxnet.so", "libcrypt.so.1", "libresolv.so.2", "libz.so.1",
        ];

        var result = RealLoader.RunApp(_root, _samples.OutputDirectory, "dlopen-names", names);

        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        var table = result.StandardOutput.Trim().Split('\n');
        TestContext.Out.WriteLine(string.Join("\n", table));
        Assert.That(table, Is.EqualTo(names.Select(name => name + ": " + (IsReserved(name) ? "ok" : "fail")).ToArray()));
    }

    private static bool IsReserved(string name) =>
        new[] { "libc.", "libdl.", "libpthread.", "libm.", "librt.", "libutil.", "libxnet." }.Any(prefix => name.StartsWith(prefix, System.StringComparison.Ordinal));

    private LoaderVerdict Ask(string name) => RealLoader.Ask(_root, _samples.OutputDirectory, name);
}
