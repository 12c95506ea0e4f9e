using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class LibraryPolicyTests
{
    private static ElfFile MonoPosixHelper()
    {
        var elf = Facts.Library("libMonoPosixHelper.so", "libz.so.1", "libc.so.6");
        elf.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.14"])];
        return elf;
    }

    [Test]
    public void A_glibc_library_with_libz_in_a_musl_output_is_a_libc_mismatch_and_an_unexpected_library()
    {
        var report = Facts.Check("linux-musl-x64", Facts.File("libMonoPosixHelper.so", MonoPosixHelper()));

        Assert.That(report.PolicyName, Is.EqualTo("musl-portable"));
        var unexpected = report.WithCode(DiagnosticCodes.UnexpectedLibrary);
        Assert.That(unexpected, Has.Count.EqualTo(1));
        Assert.That(unexpected[0].Shown(), Is.EqualTo(
            "libMonoPosixHelper.so needs libz.so.1, which neither the output nor policy musl-portable has. "
            + "Loading it fails with \"libz.so.1: cannot open shared object file\". "
            + "Install libz.so.1 in the image, or bundle a build of it for linux-musl-x64 (reached through RUNPATH $ORIGIN). "
            + "If musl-portable is not where it will run, name the real target, e.g. the target alpine.3.20. "
            + "If the library is really there, allow it with an allow rule for libz.so.1."));
        Assert.That(unexpected[0].Severity, Is.EqualTo(FindingSeverity.Error));
        Assert.That(unexpected[0].File, Is.EqualTo("libMonoPosixHelper.so"));
        Assert.That(unexpected[0].Library, Is.EqualTo("libz.so.1"));
        Assert.That(unexpected[0].Rule, Is.EqualTo("policy musl-portable"));
        Assert.That(unexpected[0].Target, Is.EqualTo("musl-portable"));
        Assert.That(unexpected[0].Package, Is.EqualTo("the app"));
        Assert.That(unexpected[0].Fix!.Steps[0].Before, Does.StartWith("Install libz.so.1 in the image, or bundle a build of it for linux-musl-x64"));
        Assert.That(unexpected[0].Fix!.Steps.Single(step => step.Kind == FixKind.AllowLibrary).Library, Is.EqualTo("libz.so.1"));
        Assert.That(unexpected[0].Fix!.Steps.Single(step => step.Kind == FixKind.UseTarget).TargetId, Is.EqualTo("alpine.3.20"));

        var mismatch = report.WithCode(DiagnosticCodes.LibcMismatch);
        Assert.That(mismatch, Has.Count.EqualTo(1));
        Assert.That(mismatch[0].Library, Is.EqualTo("libc.so.6"));
        Assert.That(mismatch[0].Message, Does.StartWith(
            "libMonoPosixHelper.so is built for glibc, but policy musl-portable runs musl: it will not load there. Evidence: NEEDED libc.so.6; version need GLIBC_2.14."));
        Assert.That(mismatch[0].Shown(), Does.Contain("Use a musl build of libMonoPosixHelper.so (the package asset runtimes/linux-musl-x64/native/libMonoPosixHelper.so). Or publish for the RID linux-x64 instead."));

        // libc.so.6 is quoted as evidence of the mismatch; it is not reported a second time as unexpected.
        Assert.That(report.Findings, Has.Count.EqualTo(2));
        Assert.That(report.HasErrors, Is.True);
        Assert.That(report.FileNamed("libMonoPosixHelper.so").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(report.FileNamed("libMonoPosixHelper.so").External, Is.EqualTo(new[] { "libz.so.1", "libc.so.6" }));
    }

    [Test]
    public void Allowing_libz_removes_the_unexpected_library_but_not_the_libc_mismatch()
    {
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-musl-x64",
            Allow = [new LibraryRule("libz.so.*", "zlib is in the base image")],
        };

        var report = Facts.Check(options, Facts.File("libMonoPosixHelper.so", MonoPosixHelper()));

        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary), Is.Empty);
        Assert.That(report.WithCode(DiagnosticCodes.LibcMismatch), Has.Count.EqualTo(1));
        Assert.That(report.HasErrors, Is.True);
    }

    [Test]
    public void A_need_satisfied_by_another_file_of_the_output_through_RUNPATH_ORIGIN_is_bundled_by_file_name_or_link_name_and_its_own_needs_are_checked()
    {
        // The loader finds a NEEDED in the output only through the needing file's run path ($ORIGIN), by the name on disk:
        // libbyname.so by its file name, libhelper.so.1 by the SONAME link the package ships beside lib/libhelper-1.0.so.
        var app = Facts.Library("libapp.so", "libhelper.so.1", "libbyname.so", "libc.so.6");
        app.Runpath = ["$ORIGIN", "$ORIGIN/lib"];
        var helper = Facts.Library("libhelper.so.1", "libqux.so.2", "libc.so.6");
        var byName = Facts.Library(null, "libc.so.6");
        var helperFile = new StaticLink.Core.Scanning.ScannedFile
        {
            RelativePath = "lib/libhelper-1.0.so",
            FullPath = "/output/lib/libhelper-1.0.so",
            Size = helper.Length,
            Elf = helper,
            Aliases = ["libhelper.so.1"],
        };

        var report = Facts.Check(
            "linux-x64",
            Facts.File("libapp.so", app),
            helperFile,
            Facts.File("libbyname.so", byName));

        var appReport = report.FileNamed("libapp.so");
        Assert.That(appReport.Bundled, Is.EqualTo(new[] { "libhelper.so.1", "libbyname.so" }));
        Assert.That(appReport.External, Is.EqualTo(new[] { "libc.so.6" }));
        Assert.That(appReport.Verdict, Is.EqualTo(Verdict.Pass));

        var unexpected = report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single();
        Assert.That(unexpected.File, Is.EqualTo("lib/libhelper-1.0.so"));
        Assert.That(unexpected.Library, Is.EqualTo("libqux.so.2"));
        Assert.That(unexpected.Message, Does.StartWith("lib/libhelper-1.0.so needs libqux.so.2, which neither the output nor policy glibc-portable has. "
            + "Loading it fails with \"libqux.so.2: cannot open shared object file\"."));
        Assert.That(report.WithCode(DiagnosticCodes.UnreachableLibrary), Is.Empty);
    }

    [Test]
    public void A_library_of_the_output_is_not_found_beside_the_file_that_needs_it_nor_by_its_SONAME_alone()
    {
        // Measured with the real glibc and musl loaders: without a run path reaching it, a library "beside" another is not
        // found (SL1009, not bundled); a run path finds files by their name on disk, never by the SONAME inside them.
        var app = Facts.Library("libapp.so", "libhelper.so.1", "libbyname.so", "libc.so.6");
        var helper = Facts.Library("libhelper.so.1", "libc.so.6");
        var byName = Facts.Library(null, "libc.so.6");
        var withRunpath = Facts.Library("libother.so", "libhelper.so.1");
        withRunpath.Runpath = ["$ORIGIN/lib"];

        var report = Facts.Check(
            "linux-x64",
            Facts.File("libapp.so", app),
            Facts.File("lib/libhelper-1.0.so", helper),
            Facts.File("libbyname.so", byName),
            Facts.File("libother.so", withRunpath));

        var appReport = report.FileNamed("libapp.so");
        Assert.That(appReport.Bundled, Is.Empty);
        Assert.That(appReport.External, Is.EqualTo(new[] { "libhelper.so.1", "libbyname.so", "libc.so.6" }));
        Assert.That(appReport.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(report.FileNamed("libother.so").Bundled, Is.Empty);

        var unreachable = report.WithCode(DiagnosticCodes.UnreachableLibrary);
        Assert.That(unreachable.Select(finding => (finding.File, finding.Library)), Is.EqualTo(new[]
        {
            ("libapp.so", "libhelper.so.1"), ("libapp.so", "libbyname.so"), ("libother.so", "libhelper.so.1"),
        }));
        Assert.That(unreachable.Select(finding => finding.Severity), Is.All.EqualTo(FindingSeverity.Error));
        Assert.That(unreachable[1].Shown(), Is.EqualTo(
            "libapp.so needs libbyname.so, which the output has as libbyname.so, out of the loader's reach. libapp.so has no RPATH or RUNPATH, "
            + "and no $ORIGIN entry reaches it (a library's NEEDED is searched in its run paths and the system, not beside it; .NET loads libapp.so by full path). "
            + "Link libapp.so with -Wl,-rpath,'$ORIGIN' or set it afterwards with patchelf --set-rpath '$ORIGIN' libapp.so."));
        Assert.That(unreachable[2].Message, Does.Contain("which the output has as lib/libhelper-1.0.so, out of the loader's reach. libother.so has RUNPATH $ORIGIN/lib, and though that reaches libhelper-1.0.so's directory, the loader looks for a file named libhelper.so.1, and the output has it only as libhelper-1.0.so (its SONAME)"));
        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary), Is.Empty);
    }

    [Test]
    public void The_glibc_portable_policy_accepts_glibc_its_loader_and_the_compiler_runtimes()
    {
        var coreclr = Facts.Library(
            "libcoreclr.so", "libgcc_s.so.1", "libpthread.so.0", "librt.so.1", "libdl.so.2", "libstdc++.so.6", "libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2");

        var report = Facts.Check("linux-x64", Facts.File("libcoreclr.so", coreclr), Facts.File("app", Facts.GlibcExecutable()));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Files.Select(file => file.Verdict), Is.All.EqualTo(Verdict.Pass));
    }

    [Test]
    public void Another_architectures_loader_is_not_accepted_by_the_glibc_portable_policy()
    {
        var report = Facts.Check("linux-x64", Facts.File("libodd.so", Facts.Library("libodd.so", "ld-linux-aarch64.so.1")));

        var finding = report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single();
        Assert.That(finding.Library, Is.EqualTo("ld-linux-aarch64.so.1"));
    }

    [Test]
    public void The_musl_portable_policy_accepts_musl_under_every_name_and_the_compiler_runtimes()
    {
        var alpine = Facts.Library("libalpine.so", "libc.musl-x86_64.so.1", "libstdc++.so.6", "libgcc_s.so.1");
        var debian = Facts.Library("libdebian.so", "libc.so");
        var program = Facts.Library(null, "libc.so");
        program.Interpreter = "/lib/ld-musl-x86_64.so.1";

        var report = Facts.Check("linux-musl-x64", Facts.File("libalpine.so", alpine), Facts.File("libdebian.so", debian), Facts.File("app", program));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("app").Libc, Is.EqualTo("musl"));
        Assert.That(report.FileNamed("app").Kind, Is.EqualTo(FileKind.Executable));
    }

    [Test]
    public void A_musl_file_in_a_glibc_output_is_a_libc_mismatch_found_from_its_interpreter()
    {
        var program = Facts.Library(null, "libc.so");
        program.Interpreter = "/lib/ld-musl-x86_64.so.1";

        var report = Facts.Check("linux-x64", Facts.File("tool", program));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.LibcMismatch));
        Assert.That(finding.Message, Does.StartWith("tool is built for musl, but policy glibc-portable runs glibc: it will not load there. Evidence: interpreter /lib/ld-musl-x86_64.so.1; NEEDED libc.so."));
        Assert.That(finding.Shown(), Does.Contain("Or publish for the RID linux-musl-x64 instead."));
    }

    [Test]
    public void The_libc_mismatch_lists_every_glibc_library_and_names_libc_itself()
    {
        var elf = Facts.Library("libMonoPosixHelper.so", "libz.so.1", "libm.so.6", "librt.so.1", "libc.so.6");

        var report = Facts.Check("linux-musl-x64", Facts.File("libMonoPosixHelper.so", elf));

        var finding = report.WithCode(DiagnosticCodes.LibcMismatch).Single();
        Assert.That(finding.Message, Does.StartWith("libMonoPosixHelper.so is built for glibc, but policy musl-portable runs musl: it will not load there. Evidence: NEEDED libm.so.6, librt.so.1, libc.so.6."));
        Assert.That(finding.Library, Is.EqualTo("libc.so.6"));
        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single().Library, Is.EqualTo("libz.so.1"));
    }

    [Test]
    public void GLIBC_version_needs_alone_show_glibc_in_a_musl_output()
    {
        var elf = Facts.Library("libsneaky.so", "libstdc++.so.6");
        elf.VersionNeeds = [new ElfVersionNeed("libstdc++.so.6", ["GLIBCXX_3.4"]), new ElfVersionNeed("libc.musl-x86_64.so.1", ["GLIBC_2.3"])];

        var report = Facts.Check("linux-musl-x64", Facts.File("libsneaky.so", elf));

        var finding = report.WithCode(DiagnosticCodes.LibcMismatch).Single();
        Assert.That(finding.Message, Does.Contain("Evidence: version need GLIBC_2.3."));
    }

    [Test]
    public void An_unusual_interpreter_is_an_unexpected_library()
    {
        var program = Facts.GlibcExecutable();
        program.Interpreter = "/opt/custom/ld.so";

        var report = Facts.Check("linux-x64", Facts.File("app", program));

        var finding = report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single();
        Assert.That(finding.Library, Is.EqualTo("ld.so"));
        Assert.That(finding.Shown(), Is.EqualTo(
            "app asks for the program interpreter /opt/custom/ld.so, which policy glibc-portable does not have. The kernel cannot start it there. "
            + "Link app with the standard loader of glibc-portable (ld-linux-x86-64.so.2), or allow it with an allow rule for ld.so."));
        Assert.That(finding.Rule, Is.EqualTo("policy glibc-portable"));
    }

    [Test]
    public void A_denied_library_is_an_error_even_when_bundled_and_wins_over_allow()
    {
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-x64",
            Allow = [new LibraryRule("libssl.so.*")],
            Deny = [new LibraryRule("libssl.so.*", "use the platform's TLS")],
        };
        var app = Facts.Library("libapp.so", "libssl.so.3", "libc.so.6");
        app.Runpath = ["$ORIGIN"];
        var bundledSsl = Facts.Library("libssl.so.3", "libc.so.6");
        var user = Facts.Library("libuser.so", "libssl.so.3");

        var report = Facts.Check(options, Facts.File("libapp.so", app), Facts.File("libssl.so.3", bundledSsl), Facts.File("libuser.so", user));

        var denied = report.WithCode(DiagnosticCodes.DeniedLibrary);
        Assert.That(denied, Has.Count.EqualTo(2));
        Assert.That(denied[0].Shown(), Is.EqualTo(
            "libapp.so needs libssl.so.3 (bundled in the output), which is denied by StaticLinkDeny libssl.so.*. Its reason: use the platform's TLS. "
            + "Remove the dependency on libssl.so.3 (use a build of libapp.so without it), or drop the rule StaticLinkDeny libssl.so.*."));
        Assert.That(denied[0].Rule, Is.EqualTo("StaticLinkDeny libssl.so.*"));
        Assert.That(denied[1].File, Is.EqualTo("libuser.so"));
        Assert.That(denied[1].Message, Does.StartWith("libuser.so needs libssl.so.3 (not bundled), which is denied"));
        Assert.That(report.WithCode(DiagnosticCodes.UnexpectedLibrary), Is.Empty);
        Assert.That(report.WithCode(DiagnosticCodes.UnreachableLibrary), Is.Empty);
    }

    [Test]
    public void A_denied_library_that_the_policy_allows_is_still_denied()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", Deny = [new LibraryRule("libstdc++.so.6")] };

        var report = Facts.Check(options, Facts.File("libapp.so", Facts.Library("libapp.so", "libstdc++.so.6", "libc.so.6")));

        Assert.That(report.Findings.Single().Code, Is.EqualTo(DiagnosticCodes.DeniedLibrary));
        Assert.That(report.Findings.Single().Message, Does.Contain("(not bundled)"));
    }

    [Test]
    public void The_lttng_provider_of_the_runtime_is_information_with_the_fix_not_an_error()
    {
        var provider = Facts.Library("libcoreclrtraceptprovider.so", "liblttng-ust.so.0", "libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6");

        var report = Facts.Check("linux-x64", Facts.File("libcoreclrtraceptprovider.so", provider));

        Assert.That(report.HasErrors, Is.False);
        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.OptionalRuntimePart));
        // coreclr loads the provider with dlopen and runs on without it: information (SL3001), not a warning.
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(finding.Library, Is.EqualTo("liblttng-ust.so.0"));
        Assert.That(finding.Message, Does.StartWith("libcoreclrtraceptprovider.so needs liblttng-ust.so.0, which policy glibc-portable does not have: it is .NET's optional LTTng tracing provider."));
        var variable = finding.Fix!.Steps.Single(step => step.Kind == FixKind.SetEnvironmentVariable);
        Assert.That((variable.Name, variable.Value), Is.EqualTo(("DOTNET_LTTng", "0")));
        Assert.That(finding.Fix.Steps[0].Before, Does.StartWith("Delete libcoreclrtraceptprovider.so from the output"));
        Assert.That((finding.Fix.Steps[0].Kind, finding.Fix.Steps[0].File), Is.EqualTo((FixKind.IgnoreFile, "libcoreclrtraceptprovider.so")));
        Assert.That(report.FileNamed("libcoreclrtraceptprovider.so").Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public void Liblttng_needed_by_any_other_file_is_an_ordinary_unexpected_library()
    {
        var report = Facts.Check("linux-x64", Facts.File("libmytracer.so", Facts.Library("libmytracer.so", "liblttng-ust.so.0")));

        Assert.That(report.Findings.Single().Code, Is.EqualTo(DiagnosticCodes.UnexpectedLibrary));
    }

    [Test]
    public void An_ignored_file_is_still_reported_but_has_no_findings_and_still_satisfies_needs()
    {
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-x64",
            Ignore = [new IgnoreRule("libcoreclrtraceptprovider.so", "no LTTng here"), new IgnoreRule("plugins/**/*.so")],
        };
        var provider = Facts.Library("libcoreclrtraceptprovider.so", "liblttng-ust.so.0");
        var plugin = Facts.Library("libplugin.so", "libweird.so.9");
        var user = Facts.Library("libuser.so", "libplugin.so");
        user.Runpath = ["$ORIGIN/plugins/a/b"];

        var report = Facts.Check(
            options,
            Facts.File("libcoreclrtraceptprovider.so", provider),
            Facts.File("plugins/a/b/libplugin.so", plugin),
            Facts.File("libuser.so", user));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("libcoreclrtraceptprovider.so").Verdict, Is.EqualTo(Verdict.Ignored));
        Assert.That(report.FileNamed("libcoreclrtraceptprovider.so").IgnoredReason, Is.EqualTo("no LTTng here"));
        Assert.That(report.FileNamed("plugins/a/b/libplugin.so").IgnoredReason, Is.EqualTo("ignored by StaticLinkIgnore plugins/**/*.so"));
        Assert.That(report.FileNamed("libuser.so").Bundled, Is.EqualTo(new[] { "libplugin.so" }));
    }
}
