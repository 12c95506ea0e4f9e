using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// The .NET runtime running these tests is the same set of native files a self-contained linux-x64 publish ships:
/// the default policy must pass it, with warnings that tell the truth and no false alarm.
/// </summary>
public class DotNetRuntimeTests
{
    private static string RuntimeDirectory => RuntimeEnvironment.GetRuntimeDirectory();

    private static CheckReport Check(string rid, string? policy = null, bool invariantGlobalization = false) =>
        PublishChecker.Check(new CheckOptions { Root = RuntimeDirectory, RuntimeIdentifier = rid, PolicyName = policy, InvariantGlobalization = invariantGlobalization });

    [Test]
    public void The_runtimes_native_files_pass_glibc_portable_with_truthful_warnings()
    {
        var stopwatch = Stopwatch.StartNew();
        var report = Check("linux-x64", "glibc-portable");
        stopwatch.Stop();
        TestContext.Out.WriteLine($"{report.ExaminedFileCount} files, {report.Files.Count} native, checked in {stopwatch.ElapsedMilliseconds} ms");
        foreach (var finding in report.Findings)
        {
            TestContext.Out.WriteLine($"{finding.Code} {finding.File}: {finding.Library}");
        }

        Assert.That(report.HasErrors, Is.False, string.Join("\n", report.Findings.Select(finding => finding.Message)));
        Assert.That(report.Files.Select(file => file.Path), Does.Contain("libcoreclr.so").And.Contain("libSystem.Native.so").And.Contain("createdump"));
        Assert.That(report.ExaminedFileCount, Is.GreaterThan(report.Files.Count), "the managed assemblies are examined and left out");
        Assert.That(report.Files.Select(file => file.Libc), Is.All.EqualTo("glibc"));

        // The optional parts are notes (SL3001): the LTTng provider's NEEDED and the GSSAPI dlopen candidate.
        var optional = report.WithCode(DiagnosticCodes.OptionalRuntimePart);
        Assert.That(optional.Select(finding => finding.Severity), Is.All.EqualTo(FindingSeverity.Info));
        var lttng = optional.Single(finding => finding.File == "libcoreclrtraceptprovider.so");
        Assert.That(lttng.Library, Does.StartWith("liblttng-ust.so."));
        Assert.That(optional.Single(finding => finding.File == "libSystem.Net.Security.Native.so").Library, Does.StartWith("libgssapi_krb5.so"));
        Assert.That(optional, Has.Count.EqualTo(2));

        // OpenSSL stays a warning (glibc-portable has no libssl.so.*); ICU is judged for the app (SL1011), which a
        // policy target never raises, so libSystem.Globalization.Native.so has no finding of its own.
        var loads = report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary);
        Assert.That(loads.Single().File, Is.EqualTo("libSystem.Security.Cryptography.Native.OpenSsl.so"));
        Assert.That(loads.Single().Library, Is.EqualTo("libssl.so.3"));
        Assert.That(report.FileNamed("libSystem.Globalization.Native.so").RuntimeLoaded, Has.Some.StartWith("libicu"));
        Assert.That(report.Findings.Where(finding => finding.File == "libSystem.Globalization.Native.so"), Is.Empty);
        Assert.That(report.Findings.Select(finding => finding.Package), Is.All.StartWith("Microsoft.NETCore.App.Runtime.linux-x64 "));
        Assert.That(report.Findings.Select(finding => finding.Code), Is.All.AnyOf(DiagnosticCodes.RuntimeLoadedLibrary, DiagnosticCodes.OptionalRuntimePart));
    }

    [Test]
    public void The_runtimes_native_files_meet_the_floor_of_their_own_dotnet_version()
    {
        // Against .NET's floor for the runtime's own version (net10.0: glibc 2.27 with OpenSSL, ICU and zlib), the
        // runtime needs no newer GLIBC_ version and nothing the floor lacks; only the optional parts remain as notes.
        var report = PublishChecker.Check(new CheckOptions { Root = RuntimeDirectory, RuntimeIdentifier = "linux-x64", TargetFramework = "net" + System.Environment.Version.Major + ".0" });

        Assert.That(report.HasErrors, Is.False, string.Join("\n", report.Findings.Select(finding => finding.Message)));
        Assert.That(report.WithCode(DiagnosticCodes.NewerThanDotNetFloor), Is.Empty);
        Assert.That(report.Findings.Select(finding => finding.Code), Is.All.EqualTo(DiagnosticCodes.OptionalRuntimePart));
    }

    [Test]
    public void With_InvariantGlobalization_ICU_is_not_mentioned()
    {
        var report = Check("linux-x64", invariantGlobalization: true);

        Assert.That(report.Findings.Where(finding => finding.Library!.StartsWith("libicu", System.StringComparison.Ordinal)), Is.Empty);
        Assert.That(report.HasErrors, Is.False);
    }

    [Test]
    public void The_glibc_runtime_in_a_musl_output_is_a_libc_mismatch_for_every_file()
    {
        var report = Check("linux-musl-x64");

        var mismatched = report.WithCode(DiagnosticCodes.LibcMismatch).Select(finding => finding.File).ToList();
        Assert.That(mismatched, Is.EquivalentTo(report.Files.Select(file => file.Path)));
    }

    [Test]
    public void The_runtime_is_not_fully_static()
    {
        var report = Check("linux-x64", "static");

        Assert.That(report.WithCode(DiagnosticCodes.NotFullyStatic), Has.Count.EqualTo(report.Files.Count));
        Assert.That(report.Files.Select(file => file.FullyStatic), Is.All.False);
    }

    [Test]
    public void A_framework_dependent_apphost_is_not_warned_about_the_runtime_it_loads()
    {
        var packs = Path.GetFullPath(Path.Combine(RuntimeDirectory, "..", "..", "..", "packs", "Microsoft.NETCore.App.Host.linux-x64"));
        var apphost = Directory.Exists(packs)
            ? Directory.GetFiles(packs, "apphost", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        Assume.That(apphost, Is.Not.Null, "the linux-x64 apphost pack is not installed next to this runtime");
        using var output = new OutputDirectory();
        File.Copy(apphost!, output.File("MyApp"));

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64" });

        Assert.That(report.Files.Single().RuntimeLoaded, Does.Contain("libhostfxr.so"));
        Assert.That(report.Findings, Is.Empty);
    }
}
