using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using StaticLink.Core.Bundles;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// Real `dotnet publish -r linux-x64` outputs of one app (see <see cref="PublishedApp"/>): the single-file host's
/// embedded libe_sqlite3.so is found and checked, its DllImport("libgdiplus") is SL2001, and the runtime's own
/// P/Invoke targets raise no false alarm. The plain self-contained publish of the same app is the ground truth for
/// what the bundle holds.
/// </summary>
public class SingleFilePublishTests
{
    private const string Host = PublishedApp.Name;
    private const string EmbeddedLibrary = Host + "!/libe_sqlite3.so";
    private const string AppAssembly = PublishedApp.Name + ".dll";

    [OneTimeSetUp]
    public void PublishOnce() => Assert.That(Directory.Exists(PublishedApp.SingleFile), "published");

    [Test]
    public void The_bundle_lists_every_assembly_of_the_plain_publish_and_the_native_library()
    {
        var manifest = BundleReader.Read(Path.Combine(PublishedApp.SingleFile, Host))!;

        Assert.That((manifest.MajorVersion, manifest.MinorVersion), Is.EqualTo((6u, 0u)));
        var assemblies = manifest.Entries.Where(entry => entry.Type == BundleEntryType.Assembly).Select(entry => entry.RelativePath);
        Assert.That(assemblies, Is.EquivalentTo(Directory.EnumerateFiles(PublishedApp.Plain, "*.dll").Select(Path.GetFileName)));
        Assert.That(manifest.Entries.Where(entry => entry.Type == BundleEntryType.NativeBinary).Select(entry => entry.RelativePath), Is.EqualTo(new[] { "libe_sqlite3.so" }));
        var deps = manifest.Entries.Single(entry => entry.Type == BundleEntryType.DepsJson);
        Assert.That(manifest.DepsJson, Is.EqualTo(new BundleLocation(deps.Offset, deps.Size)));
        Assert.That(manifest.Entries.Select(entry => entry.CompressedSize), Is.All.Zero);
    }

    [TestCase("single")]
    [TestCase("compressed")]
    public void The_embedded_library_has_the_bytes_of_the_published_file(string output)
    {
        var host = Path.Combine(output == "single" ? PublishedApp.SingleFile : PublishedApp.Compressed, Host);
        using var stream = File.OpenRead(host);
        var manifest = BundleReader.Read(stream)!;
        var entry = manifest.Entries.Single(entry => entry.RelativePath == "libe_sqlite3.so");

        Assert.That(entry.IsCompressed, Is.EqualTo(output == "compressed"));
        using var content = BundleReader.OpenEntry(stream, entry);
        Assert.That(SHA256.HashData(content), Is.EqualTo(SHA256.HashData(File.ReadAllBytes(Path.Combine(PublishedApp.Plain, "libe_sqlite3.so")))));
    }

    [Test]
    public void The_single_file_output_is_checked_inside_its_host()
    {
        var report = Check(PublishedApp.SingleFile);
        Log(report);

        Assert.That(report.HasErrors, Is.False, string.Join("\n", report.Findings.Select(finding => finding.Message)));
        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { Host, EmbeddedLibrary }));
        var library = report.FileNamed(EmbeddedLibrary);
        Assert.That(library.Container, Is.EqualTo(Host));
        Assert.That(library.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(library.External, Is.EqualTo(new[] { "libc.so.6" }));
        Assert.That(report.FileNamed(Host).Bundle!.Entries.Count, Is.GreaterThan(150));
        Assert.That(report.ExaminedFileCount, Is.GreaterThan(150), "the embedded files count as examined");

        var pinvoke = report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary).Where(finding => finding.File!.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.That(pinvoke.Select(finding => (finding.File, finding.Library)), Is.EqualTo(new[] { (Host + "!/" + AppAssembly, "libgdiplus.so") }));
        Assert.That(pinvoke[0].Message, Does.Contain($"(in the single-file bundle {Host}) calls native library \"libgdiplus\" (libgdiplus.so) with P/Invoke, and neither the output nor"));

        var sqlite = report.PInvokeTargets.Single(target => target.Module == "e_sqlite3");
        Assert.That(sqlite.Assembly, Is.EqualTo(Host + "!/SQLitePCLRaw.provider.e_sqlite3.dll"));
        Assert.That((sqlite.Resolution, sqlite.ResolvedBy), Is.EqualTo((PInvokeResolution.Bundled, "libe_sqlite3.so")));
        Assert.That(report.PInvokeTargets.Where(target => target.Resolution == PInvokeResolution.Missing).Select(target => target.Module), Is.EqualTo(new[] { "libgdiplus" }));
        Assert.That(report.PInvokeTargets.Single(target => target.Module == "QCall").Resolution, Is.EqualTo(PInvokeResolution.Runtime));
    }

    [Test]
    public void A_glibc_limit_applies_to_the_embedded_library_and_names_its_symbols()
    {
        var report = PublishChecker.Check(new CheckOptions { Root = PublishedApp.SingleFile, RuntimeIdentifier = "linux-x64", MaxGlibcVersion = "2.10" });

        var finding = report.WithCode(DiagnosticCodes.SymbolVersionTooNew).Single(finding => finding.File == EmbeddedLibrary);
        Assert.That(finding.Message, Does.StartWith(EmbeddedLibrary + " needs GLIBC_2.14"));
        Assert.That(report.FileNamed(EmbeddedLibrary).MinimumGlibc, Is.EqualTo("2.14"));
    }

    [Test]
    public void A_compressed_bundle_is_checked_too_but_its_assemblies_are_not_searched()
    {
        var report = Check(PublishedApp.Compressed);
        Log(report);

        Assert.That(report.HasErrors, Is.False);
        Assert.That(report.FileNamed(EmbeddedLibrary).Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(report.FileNamed(Host).BundleNote, Does.Match(@"^\d+ compressed assemblies were not searched for P/Invoke targets$"));
        Assert.That(report.PInvokeTargets, Is.Empty);
    }

    [Test]
    public void The_plain_self_contained_output_has_no_false_alarm_for_the_runtimes_own_targets()
    {
        var report = Check(PublishedApp.Plain);
        Log(report);

        Assert.That(report.HasErrors, Is.False);
        Assert.That(report.Findings.Select(finding => finding.Code).Distinct(), Is.SubsetOf(new[] { DiagnosticCodes.RuntimeLoadedLibrary, DiagnosticCodes.OptionalRuntimePart }));
        var pinvoke = report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary).Where(finding => finding.File!.EndsWith(".dll", StringComparison.Ordinal));
        Assert.That(pinvoke.Select(finding => (finding.File, finding.Library)), Is.EqualTo(new[] { (AppAssembly, "libgdiplus.so") }));
        Assert.That(report.PInvokeTargets.Select(target => target.Assembly).Distinct().Count(), Is.GreaterThan(20));
        Assert.That(
            report.PInvokeTargets.Where(target => target.Module != "libgdiplus").Select(target => target.Resolution).Distinct(),
            Is.SubsetOf(new[] { PInvokeResolution.Runtime, PInvokeResolution.Bundled }));
        Assert.That(report.PInvokeTargets.Single(target => target.Module == "e_sqlite3").ResolvedBy, Is.EqualTo("libe_sqlite3.so"));
    }

    // The app targets net10.0 (as the MSBuild task passes it): the default target is then .NET 10's floor (glibc 2.27),
    // which the runtime's own files meet.
    private static CheckReport Check(string root) =>
        PublishChecker.Check(new CheckOptions { Root = root, RuntimeIdentifier = "linux-x64", TargetFramework = "net10.0" });

    private static void Log(CheckReport report)
    {
        foreach (var finding in report.Findings)
        {
            TestContext.Out.WriteLine($"{finding.Code} {finding.File}: {finding.Library}");
        }
    }
}
