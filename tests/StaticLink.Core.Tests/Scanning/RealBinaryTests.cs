using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>The whole engine on real gcc and musl-gcc output.</summary>
public class RealBinaryTests
{
    private static CheckReport Check(string root, string rid, Func<CheckOptions, CheckOptions>? configure = null)
    {
        var options = new CheckOptions { Root = root, RuntimeIdentifier = rid };
        return PublishChecker.Check(configure is null ? options : configure(options));
    }

    [Test]
    public void A_dynamic_glibc_program_passes_glibc_portable_and_its_dlopen_target_is_a_note()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");
        File.WriteAllText(output.File("app.dll"), "not native");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "glibc-portable" });

        Assert.That(report.HasErrors, Is.False);
        Assert.That(report.ExaminedFileCount, Is.EqualTo(2));
        var app = report.Files.Single();
        Assert.That(app.Path, Is.EqualTo("app"));
        Assert.That(app.Kind, Is.EqualTo(FileKind.Executable));
        Assert.That(app.Libc, Is.EqualTo("glibc"));
        Assert.That(app.External, Is.EqualTo(new[] { "libc.so.6" }));
        Assert.That(app.MinimumGlibc, Is.EqualTo("2.34"));
        Assert.That(app.RuntimeLoaded, Is.EqualTo(new[] { "libplugin.so.1" }));
        Assert.That(app.Verdict, Is.EqualTo(Verdict.Pass));

        // A third-party dlopen candidate is only a note (SL3002): the name in read-only data may never be loaded.
        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.PossibleRuntimeLoad));
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(finding.Message, Does.StartWith(
            "app may load libplugin.so.1 at run time with dlopen, and policy glibc-portable does not have it. "
            + "The name is in its read-only data, where ldd and readelf -d do not look."));
    }

    [Test]
    public void A_max_glibc_version_names_the_real_symbol_that_needs_GLIBC_2_34()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, MaxGlibcVersion = "2.28" });

        var finding = report.WithCode(DiagnosticCodes.SymbolVersionTooNew).Single();
        Assert.That(finding.Message, Does.StartWith("app needs GLIBC_2.34 from libc.so.6, newer than the GLIBC_2.28 allowed by StaticLinkMaxGlibcVersion. The 2 symbols that need it: __libc_start_main@GLIBC_2.34 (libc.so.6), dlopen@GLIBC_2.34 (libc.so.6)."));
    }

    [Test]
    public void A_dynamic_glibc_program_in_a_musl_output_is_a_libc_mismatch()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");

        var report = Check(output.Path, "linux-musl-x64");

        var finding = report.WithCode(DiagnosticCodes.LibcMismatch).Single();
        // With no target named, a musl RID is checked against .NET's floor for musl.
        Assert.That(finding.Shown(), Is.EqualTo(
            "app is built for glibc, but dotnet-floor (musl 1.2.3) runs musl: it will not load there. "
            + "Evidence: interpreter /lib64/ld-linux-x86-64.so.2; NEEDED libc.so.6; version need GLIBC_2.34. "
            + "Use a musl build of app (the package asset runtimes/linux-musl-x64/native/app). Or publish for the RID linux-x64 instead."));
        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary), Is.Empty);
    }

    [Test]
    public void A_dynamic_musl_program_passes_musl_portable_and_is_a_mismatch_in_a_glibc_output()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "musl-dynamic=>app");

        var musl = Check(output.Path, "linux-musl-x64");
        var glibc = Check(output.Path, "linux-x64");

        Assert.That(musl.HasErrors, Is.False);
        Assert.That(musl.Files.Single().Libc, Is.EqualTo("musl"));
        Assert.That(glibc.WithCode(DiagnosticCodes.LibcMismatch).Single().Message, Does.StartWith("app is built for musl, but dotnet-floor (glibc 2.27) runs glibc: it will not load there. Evidence: interpreter /lib/ld-musl-x86_64.so.1; NEEDED libc.so."));
    }

    [Test]
    public void Static_musl_passes_the_static_policy_without_an_NSS_warning()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "musl-static=>app");

        var report = Check(output.Path, "linux-musl-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "static" });

        Assert.That(report.HasErrors, Is.False);
        Assert.That(report.Files.Single().FullyStatic, Is.True);
        Assert.That(report.WithCode(DiagnosticCodes.StaticGlibcNss), Is.Empty);
        Assert.That(report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary), Is.Empty);
        Assert.That(report.WithCode(DiagnosticCodes.PossibleRuntimeLoad).Single().Message, Does.Contain("In a static musl binary dlopen always fails."));
    }

    [TestCase("glibc-static")]
    [TestCase("glibc-static-pie")]
    public void Static_glibc_passes_the_static_policy_with_the_NSS_warning_found_in_the_binary(string sample)
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, sample + "=>app");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "static" });

        Assert.That(report.HasErrors, Is.False);
        var file = report.Files.Single();
        Assert.That(file.FullyStatic, Is.True);
        Assert.That(file.Libc, Is.EqualTo("glibc"));
        var nss = report.WithCode(DiagnosticCodes.StaticGlibcNss).Single();
        Assert.That(nss.Message, Does.StartWith("app is statically linked against glibc, yet still loads glibc's libnss_*.so.2 and gconv modules at run time. Evidence: .note.ABI-tag, \"/etc/nsswitch.conf\", \"GLIBC_TUNABLES\", \"libnss_\", \"gconv-modules\". "));
        Assert.That(nss.Fix!.Steps[0].RuntimeIdentifier, Is.EqualTo("linux-musl-x64"));

        // libnss_files.so.2 and libc.so.6 are glibc's own and told by SL2002; the program's plugin is its own (an SL3002 note).
        Assert.That(file.RuntimeLoaded, Does.Contain("libnss_files.so.2"));
        Assert.That(report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary), Is.Empty);
        Assert.That(report.WithCode(DiagnosticCodes.PossibleRuntimeLoad).Single().Library, Is.EqualTo("libplugin.so.1"));
    }

    [Test]
    public void A_dynamic_program_fails_the_static_policy_listing_its_interpreter_and_needs()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "static" });

        Assert.That(report.WithCode(DiagnosticCodes.NotFullyStatic).Single().Message, Does.StartWith(
            "app is not fully static, as policy static requires: it needs libc.so.6. It has the interpreter /lib64/ld-linux-x86-64.so.2 and NEEDED libc.so.6."));
    }

    [Test]
    public void A_library_the_output_has_by_its_soname_but_no_run_path_reaches_is_unreachable_and_one_missing_from_the_output_is_unexpected()
    {
        // The loader does not look beside the needing file: bin/app has no RUNPATH, so lib/libhelper.so.1.0 (SONAME
        // libhelper.so.1) is in the output but out of reach (SL1009), not bundled.
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "helper-user=>bin/app", "libhelper.so.1.0=>lib/libhelper.so.1.0", "needs-zlib=>tool");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "glibc-portable" });

        var app = report.FileNamed("bin/app");
        Assert.That(app.Bundled, Is.Empty);
        Assert.That(app.External, Does.Contain("libhelper.so.1"));
        Assert.That(app.Verdict, Is.EqualTo(Verdict.Fail));
        var unreachable = report.WithCode(DiagnosticCodes.UnreachableLibrary).Single();
        Assert.That((unreachable.File, unreachable.Library, unreachable.Severity), Is.EqualTo(("bin/app", "libhelper.so.1", FindingSeverity.Error)));
        Assert.That(unreachable.Message, Does.StartWith(
            "bin/app needs libhelper.so.1, which the output has as lib/libhelper.so.1.0, out of the loader's reach. app has no RPATH or RUNPATH, and no $ORIGIN entry reaches it"));
        var unexpected = report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single();
        Assert.That(unexpected.Shown(), Is.EqualTo(
            "tool needs libz.so.1, which neither the output nor policy glibc-portable has. Loading it fails with \"libz.so.1: cannot open shared object file\". "
            + "Install libz.so.1 in the image, or bundle a build of it for linux-x64 (reached through RUNPATH $ORIGIN). "
            + "If glibc-portable is not where it will run, name the real target, e.g. the target debian.12. "
            + "If the library is really there, allow it with an allow rule for libz.so.1."));
    }

    [Test]
    public void Run_paths_are_read_from_real_binaries()
    {
        using var output = new OutputDirectory();
        // origin-runpath has RUNPATH $ORIGIN/lib: the loader opens lib/libhelper.so.1 there, by the NEEDED name.
        NativeSamples.CopyTo(output.Path, "absolute-rpath", "origin-runpath", "libhelper.so.1.0=>lib/libhelper.so.1");

        var report = Check(output.Path, "linux-x64", options => new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = "glibc-portable" });

        var finding = report.WithCode(DiagnosticCodes.UnsafeRunPath).Single();
        Assert.That(finding.File, Is.EqualTo("absolute-rpath"));
        Assert.That(finding.Message, Does.Contain("RPATH /opt/vendor/lib is absolute"));
        Assert.That(report.FileNamed("origin-runpath").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(report.FileNamed("origin-runpath").Bundled, Is.EqualTo(new[] { "libhelper.so.1" }));
        Assert.That(report.WithCodeFiles(DiagnosticCodes.UnreachableLibrary), Is.EqualTo(new[] { "absolute-rpath" }), "/opt/vendor/lib does not reach lib/");
    }

    [Test]
    public void A_debug_companion_is_listed_as_debug_symbols_and_not_judged()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic.dbg=>app.dbg");

        var report = Check(output.Path, "linux-musl-x64");

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Files.Single().Kind, Is.EqualTo(FileKind.DebugSymbols));
    }

    [Test]
    public void A_truncated_library_and_a_library_name_on_a_non_elf_file_are_unreadable_but_a_linker_script_is_not()
    {
        using var output = new OutputDirectory();
        var helper = File.ReadAllBytes(NativeSamples.PathOf("libhelper.so.1.0"));
        output.Write("libtruncated.so", helper.Take(100).ToArray());
        output.Write("libtext.so.2", "just text"u8.ToArray());
        output.Write("libempty.so", []);
        File.WriteAllText(output.File("libc.so"), "/* GNU ld script */\nGROUP ( /lib/x86_64-linux-gnu/libc.so.6 )\n");
        File.WriteAllText(output.File("readme.txt"), "not native");

        var report = Check(output.Path, "linux-x64");

        var unreadable = report.WithCode(DiagnosticCodes.UnreadableFile);
        Assert.That(unreadable.Select(finding => finding.File), Is.EqualTo(new[] { "libempty.so", "libtext.so.2", "libtruncated.so" }));
        Assert.That(unreadable[0].Message, Does.Contain("but 0 bytes long: empty, or not a regular file"));
        Assert.That(unreadable[1].Message, Does.Contain("at offset 0x0. The reader says: named like a shared library but it is not an ELF file (no ELF magic)"));
        Assert.That(unreadable[2].Message, Does.StartWith("libtruncated.so could not be read as an ELF file at offset 0x"));
        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "libempty.so", "libtext.so.2", "libtruncated.so" }));
    }

    [Test]
    public void Without_section_headers_the_read_only_segments_are_scanned()
    {
        using var output = new OutputDirectory();
        var bytes = File.ReadAllBytes(NativeSamples.PathOf("glibc-dynamic"));

        // What sstrip does: e_shoff, e_shnum and e_shstrndx to zero (ELF64 offsets 0x28, 0x3c, 0x3e).
        Array.Clear(bytes, 0x28, 8);
        Array.Clear(bytes, 0x3c, 4);
        output.Write("app", bytes);

        var report = Check(output.Path, "linux-x64");

        var app = report.Files.Single();
        Assert.That(app.Elf!.Sections, Is.Empty);
        Assert.That(app.RuntimeLoaded, Is.EqualTo(new[] { "libplugin.so.1" }));
        Assert.That(app.External, Is.EqualTo(new[] { "libc.so.6" }));
    }

    [Test]
    public void A_file_whose_header_says_aarch64_is_an_architecture_mismatch_in_linux_x64()
    {
        using var output = new OutputDirectory();
        var bytes = File.ReadAllBytes(NativeSamples.PathOf("libhelper.so.1.0"));
        bytes[0x12] = 183;
        bytes[0x13] = 0;
        output.Write("libhelper.so.1", bytes);

        var report = Check(output.Path, "linux-x64");

        Assert.That(report.WithCode(DiagnosticCodes.ArchitectureMismatch).Single().Message, Does.StartWith("libhelper.so.1 is built for aarch64, 64-bit, but linux-x64 needs x86_64, 64-bit files."));
    }

    [Test]
    public void A_single_file_can_be_checked_as_the_root()
    {
        var report = PublishChecker.Check(new CheckOptions { Root = NativeSamples.PathOf("musl-static"), RuntimeIdentifier = "linux-musl-x64", PolicyName = "static" });

        Assert.That(report.Files.Single().Path, Is.EqualTo("musl-static"));
        Assert.That(report.HasErrors, Is.False);
    }
}
