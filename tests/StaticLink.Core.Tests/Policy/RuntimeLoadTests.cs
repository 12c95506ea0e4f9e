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
            "libSystem.Security.Cryptography.Native.OpenSsl.so may load libssl.so.3 (or libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10) at run time with dlopen: "
            + "OpenSSL, for cryptography and TLS"));
        Assert.That(finding.Message, Does.Contain("where ldd and readelf -d do not look; it is not bundled and not allowed by policy glibc-portable (linux-x64)."));
        Assert.That(finding.Fix, Does.Contain("<StaticOpenSslLinking>true</StaticOpenSslLinking>"));
        Assert.That(finding.Message, Does.EndWith(finding.Fix));
    }

    [Test]
    public void ICU_candidates_get_the_InvariantGlobalization_hint_and_disappear_when_it_is_set()
    {
        var globalization = Facts.Library("libSystem.Globalization.Native.so", "libdl.so.2", "libc.so.6");
        var file = Facts.File("libSystem.Globalization.Native.so", globalization, runtimeLoads: ["libicuuc.so", "libicui18n.so"]);

        var report = Facts.Check("linux-x64", file);
        var invariant = Facts.Check(new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", InvariantGlobalization = true }, file);

        var finding = report.Findings.Single();
        Assert.That(finding.Message, Does.Contain("may load libicuuc.so (or libicui18n.so) at run time with dlopen: ICU"));
        Assert.That(finding.Fix, Does.StartWith("Set <InvariantGlobalization>true</InvariantGlobalization>"));
        Assert.That(invariant.Findings, Is.Empty);
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
        Assert.That(report.Findings[0].Message, Is.EqualTo(
            "libmine.so may load libfoo.so.2 (or libfoo.so.1) at run time with dlopen. The name is in its read-only data, where ldd and readelf -d do not look; "
            + "it is not bundled and not allowed by policy musl-portable (linux-musl-x64). "
            + "Make sure the target system provides libfoo.so.2, bundle a build of it in the output, or allow it with <StaticLinkAllow Include=\"libfoo.so.2\" />."));
    }

    [Test]
    public void Gssapi_gets_its_own_hint()
    {
        var report = Facts.Check("linux-x64", Facts.File("libSystem.Net.Security.Native.so", Facts.Library("libSystem.Net.Security.Native.so", "libc.so.6"), runtimeLoads: ["libgssapi_krb5.so.2"]));

        Assert.That(report.Findings.Single().Message, Does.Contain("GSSAPI/Kerberos, only for Negotiate and Kerberos authentication"));
    }
}
