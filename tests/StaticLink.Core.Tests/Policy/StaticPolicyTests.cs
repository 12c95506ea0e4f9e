using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class StaticPolicyTests
{
    private static CheckOptions StaticOptions(string rid) => new() { Root = "/output", RuntimeIdentifier = rid, PolicyName = "static" };

    [Test]
    public void A_dynamic_executable_fails_the_static_policy_with_its_interpreter_and_needs_listed()
    {
        var app = Facts.GlibcExecutable("libm.so.6", "libc.so.6");
        app.Type = ElfFileType.Executable;
        app.DynamicFlags1 = null;

        var report = Facts.Check(StaticOptions("linux-x64"), Facts.File("app", app));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.NotFullyStatic));
        Assert.That(finding.Message, Does.StartWith(
            "app is not fully static, as policy static requires: it needs libm.so.6. It has the interpreter /lib64/ld-linux-x86-64.so.2 and NEEDED libm.so.6, libc.so.6."));
        Assert.That(finding.Rule, Is.EqualTo("policy static"));
        Assert.That(finding.Fix!.Steps.Select(step => step.Kind), Is.EqualTo(new[] { FixKind.LinkStatically, FixKind.UseTarget }));
        Assert.That(finding.Fix.Steps[1].TargetId, Is.EqualTo("debian.12"));
        Assert.That(finding.Fix.PlainText(), Does.Contain("Or name a target that has shared libraries, e.g. the target debian.12."));
        Assert.That(finding.Shown(), Does.Contain("linux-musl-x64 is fully static"));
        Assert.That(finding.Library, Is.EqualTo("libm.so.6"));
        Assert.That(report.FileNamed("app").FullyStatic, Is.False);
    }

    [Test]
    public void Static_and_static_pie_executables_pass_the_static_policy()
    {
        var staticPie = Facts.StaticExecutable();
        staticPie.Type = ElfFileType.SharedObject;
        staticPie.Linkage = ElfLinkage.StaticPie;
        staticPie.HasDynamicTable = true;
        staticPie.DynamicFlags1 = 0x08000000;

        var report = Facts.Check(StaticOptions("linux-musl-x64"), Facts.File("app", Facts.StaticExecutable()), Facts.File("app-pie", staticPie));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("app").FullyStatic, Is.True);
        Assert.That(report.FileNamed("app-pie").FullyStatic, Is.True);
        Assert.That(report.FileNamed("app-pie").Kind, Is.EqualTo(FileKind.Executable));
    }

    [Test]
    public void A_static_glibc_executable_passes_the_static_policy_with_the_NSS_warning()
    {
        var app = Facts.StaticExecutable();
        app.Sections = [new ElfSection(".note.ABI-tag", 7, 2, 0x4002b4, 0x2b4, 32, 0, 0)];

        var report = Facts.Check(
            StaticOptions("linux-x64"),
            Facts.File("app", app, runtimeLoads: ["libnss_files.so.2", "libc.so.6", "libfoo.so.1"], glibcMarkers: ["/etc/nsswitch.conf", "GLIBC_TUNABLES"]));

        Assert.That(report.HasErrors, Is.False);
        var nss = report.WithCode(DiagnosticCodes.StaticGlibcNss).Single();
        Assert.That(nss.Severity, Is.EqualTo(FindingSeverity.Warning));
        Assert.That(nss.Message, Does.StartWith("app is statically linked against glibc, yet still loads glibc's libnss_*.so.2 and gconv modules at run time. Evidence: .note.ABI-tag, \"/etc/nsswitch.conf\", \"GLIBC_TUNABLES\". User, group and host look-ups"));
        Assert.That(nss.Shown(), Does.Contain("Publish for the RID linux-musl-x64 for a truly static binary"));
        Assert.That(report.FileNamed("app").Libc, Is.EqualTo("glibc"));

        // glibc's own modules are part of the SL2002 story; the program's own dlopen target is not (a third-party name: SL3002 information).
        var loads = report.WithCode(DiagnosticCodes.PossibleRuntimeLoad).Single();
        Assert.That(loads.Library, Is.EqualTo("libfoo.so.1"));
        Assert.That(loads.Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(report.Findings, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_static_file_without_glibc_strings_gets_no_NSS_warning()
    {
        var report = Facts.Check(StaticOptions("linux-musl-x64"), Facts.File("app", Facts.StaticExecutable()));

        Assert.That(report.WithCode(DiagnosticCodes.StaticGlibcNss), Is.Empty);
    }

    [Test]
    public void The_static_policy_still_reports_a_libc_mismatch_and_denied_libraries()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-musl-x64", PolicyName = "static", Deny = [new LibraryRule("libz.so.1")] };
        var elf = Facts.Library("libz-user.so", "libz.so.1", "libc.so.6");

        var report = Facts.Check(options, Facts.File("libz-user.so", elf));

        Assert.That(report.Findings.Select(finding => finding.Code), Is.EqualTo(new[] { "SL1002", "SL1006", "SL1003" }));
    }

    [Test]
    public void In_a_static_musl_binary_a_dlopen_candidate_is_reported_with_the_note_that_dlopen_always_fails()
    {
        var report = Facts.Check(StaticOptions("linux-musl-x64"), Facts.File("app", Facts.StaticExecutable(), runtimeLoads: ["libplugin.so.1"]));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.PossibleRuntimeLoad));
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(finding.Library, Is.EqualTo("libplugin.so.1"));
        Assert.That(finding.Message, Does.Contain("The name is in its read-only data, where ldd and readelf -d do not look. In a static musl binary dlopen always fails."));
    }
}
