using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

public sealed class StaticLinkCheckTests
{
    private PublishDirectory _output = null!;

    [SetUp]
    public void CreateOutput() => _output = new PublishDirectory();

    [TearDown]
    public void DeleteOutput() => _output.Dispose();

    // The default target of linux-x64 is .NET's floor (glibc 2.23 when no TFM is given). This machine's executable
    // needs GLIBC_2.34 (__libc_start_main), which on the floor is the warning SL2005, not an error: it still passes.
    [Test]
    public void A_glibc_executable_passes_the_default_target_of_linux_x64_with_SL2005_for_its_newer_glibc()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertPassed();
        var warning = run.SingleWarning(DiagnosticCodes.NewerThanDotNetFloor);
        Assert.Multiple(() =>
        {
            Assert.That(run.Engine.Warnings, Has.Count.EqualTo(1), run.Engine.Transcript());
            Assert.That(warning.File, Is.EqualTo(_output.FullPathOf("app")));
            Assert.That(warning.Message, Does.Contain("app needs GLIBC_2.34 from libc.so.6, newer than .NET's floor for net10.0 (no TFM given: the newest .NET) on linux-x64: glibc 2.27"));
            Assert.That(warning.Message, Does.Contain("__libc_start_main@GLIBC_2.34"));
            Assert.That(warning.Message, Does.Contain("<StaticLinkTarget>debian.12</StaticLinkTarget>"));
        });
        var summary = run.Summary();
        Assert.That(summary, Does.Contain("app"));
        Assert.That(summary, Does.Contain("dotnet-floor"));
        Assert.That(summary, Does.Contain("linux-x64"));
    }

    [Test]
    public void A_glibc_executable_passes_the_glibc_portable_policy_without_warnings()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Policy = "glibc-portable");

        run.AssertPassed();
        Assert.That(run.Engine.Warnings, Is.Empty, run.Engine.Transcript());
        var summary = run.Summary();
        Assert.That(summary, Does.Contain("app"));
        Assert.That(summary, Does.Contain("glibc-portable"));
        Assert.That(summary, Does.Contain("linux-x64"));
    }

    [Test]
    public void A_library_needing_an_unbundled_unallowed_soname_is_SL1001_on_that_file()
    {
        // .NET's floor has zlib (a documented .NET dependency), so this is about a policy target that does not.
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libMonoPosixHelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Policy = "glibc-portable");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.UnexpectedLibrary);
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(_output.FullPathOf("libMonoPosixHelper.so")));
            Assert.That(error.Message, Does.Contain("libMonoPosixHelper.so"));
            Assert.That(error.Message, Does.Contain("libz.so.1"));
            Assert.That(error.Message, Does.Contain("libMonoPosixHelper.so needs libz.so.1, which neither the output nor policy glibc-portable has. Loading it fails with \"libz.so.1: cannot open shared object file\""));
            Assert.That(error.Message, Does.Contain("<StaticLinkAllow Include=\"libz.so.1\""));
            Assert.That(error.HelpKeyword, Is.EqualTo("SL1001"));
            Assert.That(error.HelpLink, Is.EqualTo(TaskRun.HelpLinkBase + "SL1001.md"));
            Assert.That(run.Engine.Errors, Has.Count.EqualTo(1), run.Engine.Transcript());
        });
    }

    [Test]
    public void A_needed_library_bundled_in_the_output_is_not_external()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so").Copy(NativeBinaries.FakeZlib);

        TaskRun.Execute(_output.Path, "linux-x64").AssertPassed();
    }

    [Test]
    public void StaticLinkAllow_by_soname_removes_SL1001()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.Allow = [TaskRun.Item("libz.so.1", "Reason", "zlib is in every image we ship")];
        });

        run.AssertPassed();
    }

    [Test]
    public void StaticLinkAllow_glob_given_as_Pattern_metadata_removes_SL1001()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.Allow = [TaskRun.Item("zlib", "Pattern", "libz.so.*")];
        });

        run.AssertPassed();
    }

    [Test]
    public void StaticLinkDeny_turns_an_allowed_library_into_SL1006()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Deny = [TaskRun.Item("libc.so.6", "Reason", "testing the deny list")]);

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.DeniedLibrary);
        Assert.That(error.File, Is.EqualTo(_output.FullPathOf("app")));
        Assert.That(error.Message, Does.Contain("libc.so.6"));
    }

    [Test]
    public void StaticLinkIgnore_leaves_a_failing_file_unchecked()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.Ignore = [TaskRun.Item("libhelper.so", "Reason", "never loaded on Linux")];
        });

        run.AssertPassed();
        Assert.That(run.Summary(), Does.Contain("ignored"));
    }

    [Test]
    public void A_glibc_library_in_a_musl_output_is_SL1002_and_its_unbundled_needs_SL1001()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libMonoPosixHelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-musl-x64", task => task.Policy = "musl-portable");

        run.AssertFailed();
        var mismatch = run.SingleError(DiagnosticCodes.LibcMismatch);
        var unexpected = run.SingleError(DiagnosticCodes.UnexpectedLibrary);
        Assert.Multiple(() =>
        {
            Assert.That(mismatch.File, Is.EqualTo(_output.FullPathOf("libMonoPosixHelper.so")));
            Assert.That(mismatch.Message, Does.Contain("libMonoPosixHelper.so is built for glibc"));
            Assert.That(mismatch.Message, Does.Contain("but policy musl-portable runs musl: it will not load there. Evidence: NEEDED libc.so.6"));
            Assert.That(mismatch.Message, Does.Contain("Use a musl build of libMonoPosixHelper.so (the package asset runtimes/linux-musl-x64/native/libMonoPosixHelper.so)"));
            Assert.That(unexpected.Message, Does.Contain("libMonoPosixHelper.so needs libz.so.1, which neither the output nor policy musl-portable has"));
        });
    }

    [Test]
    public void StaticLinkAllow_removes_the_libz_error_but_not_the_libc_mismatch()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libMonoPosixHelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-musl-x64", task =>
        {
            task.Policy = "musl-portable";
            task.Allow = TaskRun.Items("libz.so.1");
        });

        run.AssertFailed();
        Assert.That(run.Engine.ErrorCodes, Does.Contain(DiagnosticCodes.LibcMismatch));
        Assert.That(run.Engine.ErrorCodes, Does.Not.Contain(DiagnosticCodes.UnexpectedLibrary), run.Engine.Transcript());
    }

    // Was "bundled, so it passes". The musl loader (like glibc's) searches a library's NEEDED in its run paths and the
    // system, not beside it: libhelper.so has no RUNPATH $ORIGIN, so the bundled libz.so.1 is not reached (SL1009).
    [Test]
    public void A_musl_library_whose_need_is_only_beside_it_without_a_runpath_is_SL1009_on_the_musl_policy()
    {
        _output.Copy(NativeBinaries.MuslExecutable, "app").Copy(NativeBinaries.MuslLibraryNeedingZlib, "libhelper.so").Copy(NativeBinaries.FakeZlib);

        var run = TaskRun.Execute(_output.Path, "linux-musl-x64", task => task.Policy = "musl-portable");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.UnreachableLibrary);
        Assert.Multiple(() =>
        {
            Assert.That(run.Engine.Errors, Has.Count.EqualTo(1), run.Engine.Transcript());
            Assert.That(error.File, Is.EqualTo(_output.FullPathOf("libhelper.so")));
            Assert.That(error.Message, Does.Contain("libhelper.so needs libz.so.1, which the output has as libz.so.1, out of the loader's reach. libhelper.so has no RPATH or RUNPATH"));
            Assert.That(error.Message, Does.Contain("-Wl,-rpath,'$ORIGIN'"));
            Assert.That(error.Message, Does.Contain("patchelf --set-rpath '$ORIGIN' libhelper.so"));
            Assert.That(run.Summary(), Does.Contain("musl-portable"));
        });
    }

    [Test]
    public void A_glibc_executable_in_a_musl_output_is_SL1002()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-musl-x64");

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.LibcMismatch).File, Is.EqualTo(_output.FullPathOf("app")));
    }

    [Test]
    public void A_musl_executable_in_a_glibc_output_is_SL1002()
    {
        _output.Copy(NativeBinaries.MuslExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.LibcMismatch).File, Is.EqualTo(_output.FullPathOf("app")));
    }

    [Test]
    public void MaxGlibcVersion_below_what_the_executable_needs_is_SL1004_naming_the_symbols()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.MaxGlibcVersion = "2.28");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.SymbolVersionTooNew);
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(_output.FullPathOf("app")));
            Assert.That(error.Message, Does.Contain("GLIBC_2.34"));
            Assert.That(error.Message, Does.Contain("__libc_start_main"));
            Assert.That(error.Message, Does.Contain("2.28"));
        });
    }

    [Test]
    public void MaxGlibcVersion_at_or_above_what_the_executable_needs_passes()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        TaskRun.Execute(_output.Path, "linux-x64", task => task.MaxGlibcVersion = "2.36").AssertPassed();
    }

    [TestCase("GLIBC=2.28")]
    [TestCase(" GLIBC = 2.28 ")]
    public void MaxVersions_as_PREFIX_equals_VERSION_items_is_SL1004(string spec)
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.MaxVersions = TaskRun.Items(spec, "GLIBCXX=3.4.22"));

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.SymbolVersionTooNew).Message, Does.Contain("__libc_start_main"));
    }

    [Test]
    public void MaxVersions_as_a_prefix_with_Version_metadata_is_SL1004()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.MaxVersions = [TaskRun.Item("GLIBC", "Version", "2.17")]);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.SymbolVersionTooNew).Message, Does.Contain("2.17"));
    }

    [TestCase("GLIBC")]
    [TestCase("GLIBC=")]
    [TestCase("=2.28")]
    public void A_MaxVersions_entry_without_prefix_or_version_is_SL1007_and_nothing_is_checked(string spec)
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.MaxVersions = TaskRun.Items(spec);
        });

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.InvalidConfiguration);
        Assert.That(error.Message, Does.Contain("PREFIX=VERSION"));
        Assert.That(error.File, Is.EqualTo(run.Engine.ProjectFileOfTaskNode));
        Assert.That(run.Engine.ErrorCodes, Does.Not.Contain(DiagnosticCodes.UnexpectedLibrary), "the engine must not run on a bad configuration");
    }

    [Test]
    public void An_unknown_policy_name_is_SL1007()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Policy = "manylinux-forever");

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("manylinux-forever"));
    }

    [TestCase("2.x")]
    [TestCase("latest")]
    public void A_malformed_MaxGlibcVersion_is_SL1007(string version)
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.MaxGlibcVersion = version);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain(version));
    }

    [Test]
    public void An_empty_allow_glob_is_SL1007()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Allow = TaskRun.Items("  "));

        run.AssertFailed();
        Assert.That(run.Engine.ErrorCodes, Does.Contain(DiagnosticCodes.InvalidConfiguration), run.Engine.Transcript());
    }

    [Test]
    public void An_unknown_summary_importance_is_SL1007()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.SummaryImportance = "loud");

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("loud"));
    }

    [Test]
    public void Configuration_errors_point_at_the_given_project_file()
    {
        var run = TaskRun.Execute(Path.Combine(_output.Path, "not-published"), "linux-x64", task => task.ProjectFile = "/projects/app/real.csproj");

        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).File, Is.EqualTo("/projects/app/real.csproj"));
    }

    [Test]
    public void A_missing_publish_directory_is_SL1007_naming_it()
    {
        var missing = Path.Combine(_output.Path, "not-published");

        var run = TaskRun.Execute(missing, "linux-x64");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.InvalidConfiguration);
        Assert.That(error.Message, Does.Contain(missing));
        Assert.That(error.Message, Does.Contain("StaticLinkPublishDirectory"));
    }

    [Test]
    public void A_truncated_library_is_SL1010_naming_the_file_and_nothing_escapes()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app").Truncated(NativeBinaries.GlibcLibraryNeedingZlib, "libbroken.so", 200);

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.UnreadableFile);
        Assert.That(error.File, Is.EqualTo(_output.FullPathOf("libbroken.so")));
        Assert.That(error.Message, Does.Contain("libbroken.so"));
        Assert.That(error.Message, Does.Contain("offset").IgnoreCase);
    }

    [TestCase(4)]
    [TestCase(20)]
    [TestCase(64)]
    [TestCase(1000)]
    public void Any_truncation_of_a_real_library_ends_as_SL1010(int length)
    {
        _output.Truncated(NativeBinaries.LttngProvider, "libcoreclrtraceptprovider.so", length);

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertFailed();
        Assert.That(run.Engine.ErrorCodes, Is.EqualTo(new[] { DiagnosticCodes.UnreadableFile }), run.Engine.Transcript());
        Assert.That(run.SingleError(DiagnosticCodes.UnreadableFile).File, Is.EqualTo(_output.FullPathOf("libcoreclrtraceptprovider.so")));
    }

    [Test]
    public void The_runtimes_LTTng_provider_is_SL3001_information_with_the_fix_not_an_error()
    {
        // Now information (SL3001), not a warning: coreclr skips the provider when liblttng-ust is missing.
        _output.Copy(NativeBinaries.LttngProvider);

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertPassed();
        var info = run.SingleMessage(DiagnosticCodes.OptionalRuntimePart);
        Assert.Multiple(() =>
        {
            Assert.That(run.Engine.Warnings, Is.Empty, run.Engine.Transcript());
            Assert.That(info.File, Is.EqualTo(_output.FullPathOf("libcoreclrtraceptprovider.so")));
            Assert.That(info.Message, Does.Contain("libcoreclrtraceptprovider.so needs liblttng-ust.so.0, which dotnet-floor (glibc 2.27) does not have"));
            Assert.That(info.Message, Does.Contain("skips it when that fails, so the app runs without it"));
            Assert.That(info.Message, Does.Contain("<ContainerEnvironmentVariable Include=\"DOTNET_LTTng\" Value=\"0\" />"));
            Assert.That(info.Message, Does.Contain("<StaticLinkIgnore Include=\"libcoreclrtraceptprovider.so\""));
        });
    }

    [Test]
    public void The_static_policy_rejects_a_dynamic_executable_with_SL1003()
    {
        _output.Copy(NativeBinaries.MuslExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-musl-x64", task => task.Policy = "static");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.NotFullyStatic);
        Assert.That(error.File, Is.EqualTo(_output.FullPathOf("app")));
        Assert.That(error.Message, Does.Contain("ld-musl-x86_64.so.1"));
    }

    [Test]
    public void The_static_policy_accepts_a_static_musl_executable()
    {
        _output.Copy(NativeBinaries.MuslStaticExecutable, "app");

        TaskRun.Execute(_output.Path, "linux-musl-x64", task => task.Policy = "static").AssertPassed();
    }

    [Test]
    public void A_static_glibc_executable_that_uses_NSS_is_SL2002()
    {
        _output.Copy(NativeBinaries.GlibcStaticExecutableUsingNss, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Policy = "static");

        run.AssertPassed();
        var warning = run.SingleWarning(DiagnosticCodes.StaticGlibcNss);
        Assert.That(warning.File, Is.EqualTo(_output.FullPathOf("app")));
        Assert.That(warning.Message, Does.Contain("linux-musl"));
    }

    [Test]
    public void An_executable_for_another_architecture_is_SL1005()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-arm64");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.ArchitectureMismatch);
        Assert.That(error.File, Is.EqualTo(_output.FullPathOf("app")));
        Assert.That(error.Message, Does.Contain("x86_64"));
        Assert.That(error.Message, Does.Contain("linux-arm64"));
    }

    [Test]
    public void An_absolute_runpath_is_SL2003()
    {
        _output.Copy(NativeBinaries.LibraryWithAbsoluteRunpath);

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        Assert.That(run.SingleWarning(DiagnosticCodes.UnsafeRunPath).Message, Does.Contain("/opt/vendor/lib"));
    }

    // A third-party dlopen candidate is now information (SL3002), not the warning SL2001. The glibc-portable policy
    // keeps the floor's SL2005 (this machine's GLIBC_2.34 dlopen) out of the way.
    [Test]
    public void A_library_loaded_with_dlopen_is_SL3002_information()
    {
        _output.Copy(NativeBinaries.LibraryLoadingPlugin);

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Policy = "glibc-portable");

        run.AssertPassed();
        var info = run.SingleMessage(DiagnosticCodes.PossibleRuntimeLoad);
        Assert.Multiple(() =>
        {
            Assert.That(run.Engine.Warnings, Is.Empty, run.Engine.Transcript());
            Assert.That(info.File, Is.EqualTo(_output.FullPathOf("libloadsplugin.so")));
            Assert.That(info.Message, Does.Contain("libloadsplugin.so may load libvendorplugin.so.7 at run time with dlopen, and policy glibc-portable does not have it. The name is in its read-only data, where ldd and readelf -d do not look."));
            Assert.That(info.Message, Does.Contain("<StaticLinkAllow Include=\"libvendorplugin.so.7\" />"));
        });
    }

    [Test]
    public void A_file_that_is_not_ELF_is_not_checked()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app").Write("app.dll", [0x4d, 0x5a, 0x90, 0x00]).Write("libc.so", "/* GNU ld script */ GROUP ( libc.so.6 )"u8.ToArray());

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertPassed();
        Assert.That(run.Summary(), Does.Not.Contain("app.dll"));
    }

    [Test]
    public void The_JSON_report_is_written_and_returned()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");
        var reportPath = Path.Combine(_output.Path + "-obj", "staticlink", "report.json");
        try
        {
            var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
            {
                task.Policy = "glibc-portable";
                task.ReportPath = reportPath;
            });

            Assert.That(run.Task.ReportFile, Is.EqualTo(reportPath));
            var json = File.ReadAllText(reportPath);
            Assert.Multiple(() =>
            {
                Assert.That(json, Does.Contain("\"libhelper.so\""));
                Assert.That(json, Does.Contain("\"policy\": \"glibc-portable\""));
                Assert.That(json, Does.Contain("SL1001"));
                Assert.That(json, Does.Contain("libz.so.1"));
                Assert.That(run.Engine.Messages.Select(message => message.Message), Has.Some.Contains(reportPath));
            });
        }
        finally
        {
            Directory.Delete(_output.Path + "-obj", recursive: true);
        }
    }

    [Test]
    public void An_unwritable_report_path_is_SL1007_and_the_findings_are_still_logged()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");
        var underAFile = Path.Combine(_output.FullPathOf("app"), "report.json");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.ReportPath = underAFile);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("StaticLinkReportPath"));
        Assert.That(run.Task.ReportFile, Is.Empty);
        Assert.That(run.Summary(), Does.Contain("app"));
    }

    [TestCase("high", MessageImportance.High)]
    [TestCase("Low", MessageImportance.Low)]
    [TestCase("", MessageImportance.Normal)]
    public void The_summary_is_logged_at_the_requested_importance(string importance, MessageImportance expected)
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.SummaryImportance = importance);

        var summary = run.Engine.Messages.Single(message => message.Message == run.Summary());
        Assert.That(summary.Importance, Is.EqualTo(expected));
    }

    [Test]
    public void Without_a_help_link_base_diagnostics_carry_no_link_but_keep_their_keyword()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.HelpLinkBase = null;
        });

        var error = run.SingleError(DiagnosticCodes.UnexpectedLibrary);
        Assert.That(error.HelpLink, Is.Null);
        Assert.That(error.HelpKeyword, Is.EqualTo("SL1001"));
    }

    // ICU is no longer a per-file SL2001: it is the app-level SL1011 when the target has no ICU and the app does not
    // use invariant globalization, and SL2006 when the image itself sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT.
    [Test]
    public void The_runtimes_ICU_loader_is_SL1011_on_a_target_without_ICU_unless_the_app_uses_invariant_globalization()
    {
        _output.Copy(NativeBinaries.RuntimeFile("libSystem.Globalization.Native.so"));
        const string noIcu = "gcr.io/distroless/cc-debian12";

        var withIcu = TaskRun.Execute(_output.Path, "linux-x64", task => task.Targets = noIcu);
        var invariant = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Targets = noIcu;
            task.InvariantGlobalization = true;
        });

        withIcu.AssertFailed();
        var error = withIcu.SingleError(DiagnosticCodes.RuntimeNeedMissing);
        Assert.That(error.Message, Does.Contain("libicuuc.so"));
        Assert.That(error.Message, Does.Contain("InvariantGlobalization"));
        invariant.AssertPassed();
        Assert.That(invariant.Engine.ErrorCodes, Does.Not.Contain(DiagnosticCodes.RuntimeNeedMissing), invariant.Engine.Transcript());
        Assert.That(invariant.Engine.WarningCodes, Does.Not.Contain(DiagnosticCodes.RuntimeLoadedLibrary), invariant.Engine.Transcript());
    }

    [Test]
    public void The_runtimes_ICU_loader_needs_nothing_on_the_default_target_which_has_ICU()
    {
        _output.Copy(NativeBinaries.RuntimeFile("libSystem.Globalization.Native.so"));

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertPassed();
        Assert.That(run.Engine.Warnings, Is.Empty, run.Engine.Transcript());
    }

    [Test]
    public void The_runtimes_ICU_loader_is_SL2006_on_an_image_that_sets_invariant_globalization()
    {
        _output.Copy(NativeBinaries.RuntimeFile("libSystem.Globalization.Native.so"));

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.Targets = "mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled");

        run.AssertPassed();
        var warning = run.SingleWarning(DiagnosticCodes.ImageInvariantGlobalization);
        Assert.That(warning.Message, Does.Contain("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"));
    }

    [Test]
    public void A_rules_file_allows_what_the_items_would()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");
        var rules = _output.Path + "-rules.json";
        File.WriteAllText(rules, """{ "allow": [ { "pattern": "libz.so.*", "reason": "zlib is in the base image" } ] }""");
        try
        {
            TaskRun.Execute(_output.Path, "linux-x64", task =>
            {
                task.Policy = "glibc-portable";
                task.RulesFile = rules;
            }).AssertPassed();
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Test]
    public void A_missing_rules_file_is_SL1007_naming_it()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");
        var rules = Path.Combine(_output.Path, "no-such-rules.json");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.RulesFile = rules);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("no-such-rules.json"));
    }
}
