using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class RuntimeLoadTests
{
    [Test]
    public void OpenSsl_candidates_of_the_runtime_are_one_warning_with_the_dotnet_fix()
    {
        var shim = Facts.Library("libSystem.Security.Cryptography.Native.OpenSsl.so", "libdl.so.2", "libpthread.so.0", "libc.so.6");

        var report = Facts.Check(
            "linux-x64",
            Facts.File("libSystem.Security.Cryptography.Native.OpenSsl.so", shim, runtimeLoads: ["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10"]));

        Assert.That(report.HasErrors, Is.False);
        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.RuntimeLoadedLibrary));
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Warning));
        Assert.That(finding.Library, Is.EqualTo("libssl.so.3"));
        Assert.That(finding.Message, Does.StartWith(
            "libSystem.Security.Cryptography.Native.OpenSsl.so may load libssl.so.3 at run time with dlopen, and policy glibc-portable does not have it. "
            + "It may load libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10 instead. It is OpenSSL, for cryptography and TLS "
            + "(System.Security.Cryptography, HttpClient over https). The name is in its read-only data, where ldd and readelf -d do not look."));
        Assert.That(finding.Rule, Is.EqualTo("policy glibc-portable"));
        var linking = finding.Fix!.Steps.Single(step => step.Kind == FixKind.SetProperty);
        Assert.That((linking.Name, linking.Value), Is.EqualTo(("StaticOpenSslLinking", "true")));
        Assert.That(linking.Before, Does.StartWith("Install OpenSSL in the target image"));
        var allow = finding.Fix.Steps.Single(step => step.Kind == FixKind.AllowLibrary);
        Assert.That((allow.Library, allow.Pattern), Is.EqualTo(("openssl", "libssl.so.*")));
        Assert.That(finding.Message, Does.Not.Contain("<"), "the engine's message holds no MSBuild");
    }

    [Test]
    public void ICU_candidates_are_judged_once_for_the_app_with_the_InvariantGlobalization_hint_and_disappear_when_it_is_set()
    {
        // ICU is no longer a per-file dlopen finding: the runtime needs it for the app as a whole (SL1011 when the target
        // has none, SL2006 when the image switches invariant mode on), and the old policies make no claim about it.
        var globalization = Facts.Library("libSystem.Globalization.Native.so", "libdl.so.2", "libc.so.6");
        var file = Facts.File("libSystem.Globalization.Native.so", globalization, runtimeLoads: ["libicuuc.so", "libicui18n.so"]);
        CheckOptions On(string target, bool invariant = false) => new()
        {
            Root = "/output", RuntimeIdentifier = "linux-x64", Targets = [target], IsDotNetApp = true, InvariantGlobalization = invariant,
        };

        var policy = Facts.Check("linux-x64", file);
        var noIcu = Facts.Check(On("gcr.io/distroless/cc-debian12"), file);
        var invariant = Facts.Check(On("gcr.io/distroless/cc-debian12", invariant: true), file);
        var chiseled = Facts.Check(On("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled"), file);

        Assert.That(policy.Findings, Is.Empty);

        var finding = noIcu.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.RuntimeNeedMissing));
        Assert.That(finding.Severity, Is.EqualTo(FindingSeverity.Error));
        Assert.That(finding.File, Is.Null);
        Assert.That(finding.Library, Is.EqualTo("libicuuc.so"));
        Assert.That(finding.Message, Does.StartWith("The app needs ICU (libicuuc.so.*), which "));
        Assert.That(finding.Message, Does.Contain(" does not have, and neither the project nor the image sets invariant globalization. "
            + "The app aborts at start with \"Couldn't find a valid ICU package installed on the system\"."));
        var setInvariant = finding.Fix!.Steps[0];
        Assert.That((setInvariant.Kind, setInvariant.Name, setInvariant.Value), Is.EqualTo((FixKind.SetProperty, "InvariantGlobalization", "true")));

        Assert.That(invariant.Findings, Is.Empty);

        var imageInvariant = chiseled.Findings.Single();
        Assert.That(imageInvariant.Code, Is.EqualTo(DiagnosticCodes.ImageInvariantGlobalization));
        Assert.That(imageInvariant.Severity, Is.EqualTo(FindingSeverity.Warning));
    }

    [Test]
    public void Runtime_components_tracing_bundled_and_allowed_names_are_not_reported()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", Allow = [new LibraryRule("libgssapi_krb5.so.*")] };
        var apphost = Facts.GlibcExecutable("libdl.so.2", "libstdc++.so.6", "libc.so.6");
        var plugin = Facts.Library("libplugin.so.1", "libc.so.6");

        var report = Facts.Check(
            options,
            Facts.File("app", apphost, runtimeLoads: ["libhostfxr.so", "libcoreclr.so", "liblttng-ust-tracepoint.so.0", "libplugin.so.1", "libgssapi_krb5.so.2", "libc.so.6", "libSystem.Native.so"]),
            Facts.File("plugins/libplugin.so.1", plugin));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.FileNamed("app").RuntimeLoaded, Has.Count.EqualTo(7));
    }

    [Test]
    public void An_unknown_dlopen_candidate_gets_the_generic_fix_and_versions_of_one_library_are_grouped()
    {
        var report = Facts.Check(
            "linux-musl-x64",
            Facts.File("libmine.so", Facts.Library("libmine.so", "libc.musl-x86_64.so.1"), runtimeLoads: ["libfoo.so.2", "libbar.so", "libfoo.so.1"]));

        Assert.That(report.Findings.Select(finding => finding.Library), Is.EqualTo(new[] { "libfoo.so.2", "libbar.so" }));
        // A third-party name is only possibly loaded (the code path may never run): information, SL3002.
        Assert.That(report.Findings.Select(finding => finding.Code), Is.All.EqualTo(DiagnosticCodes.PossibleRuntimeLoad));
        Assert.That(report.Findings.Select(finding => finding.Severity), Is.All.EqualTo(FindingSeverity.Info));
        Assert.That(report.Findings[0].Shown(), Is.EqualTo(
            "libmine.so may load libfoo.so.2 at run time with dlopen, and policy musl-portable does not have it. It may load libfoo.so.1 instead. "
            + "The name is in its read-only data, where ldd and readelf -d do not look. "
            + "Make sure the target system provides libfoo.so.2, bundle a build of it in the output, or allow it with an allow rule for libfoo.so.2."));
    }

    [Test]
    public void Gssapi_gets_its_own_hint()
    {
        var report = Facts.Check("linux-x64", Facts.File("libSystem.Net.Security.Native.so", Facts.Library("libSystem.Net.Security.Native.so", "libc.so.6"), runtimeLoads: ["libgssapi_krb5.so.2"]));

        Assert.That(report.Findings.Single().Message, Does.Contain("GSSAPI/Kerberos, only for Negotiate and Kerberos authentication"));
        Assert.That(report.Findings.Single().Code, Is.EqualTo(DiagnosticCodes.OptionalRuntimePart));
        Assert.That(report.Findings.Single().Severity, Is.EqualTo(FindingSeverity.Info));
    }
}
