using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Core.Bundles;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.Policy;
using StaticLink.Core.Tests.Scanning;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// A gcc-built host with the apphost's placeholder, bundled byte by byte with real libraries and this test
/// assembly: the embedded files are checked like files of the output, named "app!/path".
/// </summary>
public class BundleScanningTests
{
    private static readonly byte[] Deps = "{}"u8.ToArray();
    private static readonly string TestAssemblyName = Path.GetFileName(typeof(BundleScanningTests).Assembly.Location);

    [Test]
    public void Embedded_libraries_and_assemblies_are_checked_as_files_of_the_output()
    {
        using var output = new OutputDirectory();
        output.Write("app", Bundle().Build().Bytes);

        var report = Check(output);

        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "app", "app!/libloader.so", "app!/libplain.so", "app!/native/libzuser.so" }));
        Assert.That(report.Files.Skip(1).Select(file => file.Container), Is.All.EqualTo("app"));
        Assert.That(report.FileNamed("app").Bundle!.Entries, Has.Count.EqualTo(5));
        Assert.That(report.FileNamed("app!/libplain.so").Verdict, Is.EqualTo(Verdict.Pass), "compressed, inflated and read");
        Assert.That(report.FileNamed("app!/libplain.so").Size, Is.EqualTo(BundleSamples.Bytes("libplain.so").Length));
        Assert.That(report.ExaminedFileCount, Is.EqualTo(1 + 5));

        var zlib = report.WithCode(DiagnosticCodes.UnexpectedLibrary).Single();
        Assert.That(zlib.File, Is.EqualTo("app!/native/libzuser.so"));
        Assert.That(zlib.Library, Is.EqualTo("libz.so.1"));
        Assert.That(zlib.Message, Does.StartWith("app!/native/libzuser.so needs libz.so.1"));

        // A third-party dlopen candidate is an SL3002 note; a P/Invoke target the output and the target lack is SL2001.
        Assert.That(report.WithCode(DiagnosticCodes.PossibleRuntimeLoad).Single(finding => finding.File == "app!/libloader.so").Library, Is.EqualTo("libplugin.so.1"));
        var loads = report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary);
        Assert.That(loads.Where(finding => finding.File == "app!/libloader.so"), Is.Empty);
        var pinvoke = loads.Where(finding => finding.File == "app!/" + TestAssemblyName).ToList();
        Assert.That(pinvoke.Select(finding => finding.Library), Is.EquivalentTo(new[] { "libgdiplus.so", "libz.so" }));
        Assert.That(pinvoke[0].Message, Does.Contain("(in the single-file bundle app)"));
        Assert.That(report.HasErrors, Is.True, "libz.so.1 is not allowed by glibc-portable");
    }

    [Test]
    public void Glibc_libraries_embedded_in_a_bundle_for_a_musl_RID_are_a_libc_mismatch()
    {
        using var output = new OutputDirectory();
        output.Write("app", Bundle().Build().Bytes);

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-musl-x64" });

        // libplain.so calls nothing, so with --as-needed it has no NEEDED entry and shows no C library at all.
        Assert.That(report.WithCodeFiles(DiagnosticCodes.LibcMismatch), Is.EquivalentTo(new[] { "app", "app!/libloader.so", "app!/native/libzuser.so" }));
        Assert.That(report.FileNamed("app!/libplain.so").Elf!.Needed, Is.Empty);
    }

    [Test]
    public void Allow_and_ignore_rules_apply_to_embedded_files_by_their_bundle_path()
    {
        using var output = new OutputDirectory();
        output.Write("app", Bundle().Build().Bytes);

        var report = Check(
            output,
            allow: [new LibraryRule("libz.so.1", "test"), new LibraryRule("libgdiplus.so*", "test"), new LibraryRule("libz.so", "test")],
            ignore: [new IgnoreRule("app!/libloader.so", "plugin loader")]);

        Assert.That(report.Findings, Is.Empty, string.Join("\n", report.Findings.Select(finding => finding.Message)));
        Assert.That(report.FileNamed("app!/libloader.so").Verdict, Is.EqualTo(Verdict.Ignored));
        Assert.That(report.PInvokeTargets.Where(target => target.Module == "libgdiplus").Single().ResolvedBy, Is.EqualTo("StaticLinkAllow libgdiplus.so*"));
    }

    [Test]
    public void A_malformed_manifest_in_a_real_host_is_SL1010_naming_the_host_offset_and_reason()
    {
        var built = Bundle().Build();
        BitConverter.GetBytes(int.MaxValue).CopyTo(built.Bytes, built.Layout.CountOffset);
        using var output = new OutputDirectory();
        output.Write("app", built.Bytes);

        var report = Check(output);

        var finding = report.WithCode(DiagnosticCodes.UnreadableFile).Single();
        Assert.That(finding.File, Is.EqualTo("app"));
        Assert.That(finding.Message, Does.StartWith($"app is a .NET single-file bundle whose contents could not be read at offset 0x{built.Layout.CountOffset:x}. The reader says: the bundle header declares 2147483647 files"));
        Assert.That((finding.Fix!.Steps.Single().Kind, finding.Fix.Steps.Single().File), Is.EqualTo((FixKind.IgnoreFile, "app")));
        Assert.That(report.FileNamed("app").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "app" }));
    }

    [Test]
    public void A_truncated_bundle_is_SL1010_for_the_host()
    {
        var built = Bundle().Build();
        using var output = new OutputDirectory();
        output.Write("app", built.Truncated(built.Layout.EntryOffsets[2] + 5));

        var report = Check(output);

        var finding = report.WithCode(DiagnosticCodes.UnreadableFile).Single();
        Assert.That(finding.File, Is.EqualTo("app"));
        Assert.That(finding.Message, Does.Contain("truncated"));
    }

    [Test]
    public void A_damaged_library_inside_the_bundle_is_SL1010_for_the_embedded_file()
    {
        var broken = BundleSamples.Bytes("libplain.so")[..200];
        var built = new BundleBuilder(BundleSamples.Bytes("apphost"))
            .Add("libbroken.so", BundleEntryType.NativeBinary, broken)
            .Add("libbroken2.so", BundleEntryType.NativeBinary, broken, compress: true)
            .Build();
        using var output = new OutputDirectory();
        output.Write("app", built.Bytes);

        var report = Check(output);

        var findings = report.WithCode(DiagnosticCodes.UnreadableFile);
        Assert.That(findings.Select(finding => finding.File), Is.EqualTo(new[] { "app!/libbroken.so", "app!/libbroken2.so" }));
        Assert.That(findings[0].Message, Does.StartWith("app!/libbroken.so could not be read as an ELF file at offset 0x"));
        Assert.That(findings[0].Message, Does.Contain("It is embedded in the single-file bundle app and extracted at start-up"));
        Assert.That(findings[0].Fix!.Steps[0].Before, Does.StartWith("Publish app again with a complete build of libbroken.so"));
        Assert.That(report.FileNamed("app").Verdict, Is.Not.EqualTo(Verdict.Fail), "the host itself is fine");
    }

    [Test]
    public void Bad_deflate_data_inside_the_bundle_is_SL1010_with_the_host_offset()
    {
        var built = new BundleBuilder(BundleSamples.Bytes("apphost")).Add("libplain.so", BundleEntryType.NativeBinary, BundleSamples.Bytes("libplain.so"), compress: true).Build();
        var (offset, _, compressed) = built.Layout.Entries[0];
        Array.Fill(built.Bytes, (byte)0xff, (int)offset, (int)compressed);
        using var output = new OutputDirectory();
        output.Write("app", built.Bytes);

        var report = Check(output);

        var finding = report.WithCode(DiagnosticCodes.UnreadableFile).Single();
        Assert.That(finding.File, Is.EqualTo("app!/libplain.so"));
        Assert.That(finding.Message, Does.Contain($"is not valid deflate data").And.Contain($"(at offset 0x{offset:x} of the host)"));
    }

    [Test]
    public void A_host_with_the_unbundled_placeholder_is_just_an_executable()
    {
        using var output = new OutputDirectory();
        output.Write("app", BundleSamples.Bytes("apphost"));

        var report = Check(output);

        Assert.That(report.Files.Single().Bundle, Is.Null);
        Assert.That(report.Findings, Is.Empty);
    }

    [Test]
    public void Only_the_hosts_writable_segments_are_searched_for_the_marker()
    {
        var elf = ElfReader.Read(Path.Combine(BundleSamples.Directory, "apphost"));
        var regions = BundleReader.MarkerRegions(elf);

        Assert.That(regions, Is.Not.Empty);
        Assert.That(regions.Sum(region => region.Length), Is.LessThan(elf.Length / 2));
        using var stream = new MemoryStream(Bundle().Build().Bytes);
        Assert.That(BundleReader.Read(stream, regions), Is.Not.Null, "the placeholder lies in .data");
    }

    [Test]
    public void The_json_report_names_the_container_and_the_bundle()
    {
        using var output = new OutputDirectory();
        output.Write("app", Bundle().Build().Bytes);

        using var jsonDocument = JsonDocument.Parse(JsonReport.ToJson(Check(output)));
        var json = jsonDocument.RootElement;

        var files = json.GetProperty("files").EnumerateArray().ToList();
        Assert.That(files[0].GetProperty("bundle").GetProperty("version").GetString(), Is.EqualTo("6.0"));
        Assert.That(files[0].GetProperty("bundle").GetProperty("files").GetInt64(), Is.EqualTo(5));
        Assert.That(files[1].GetProperty("container").GetString(), Is.EqualTo("app"));
        var targets = json.GetProperty("pinvoke").EnumerateArray().ToList();
        Assert.That(targets.Select(target => target.GetProperty("module").GetString()), Is.EquivalentTo(new[] { "libgdiplus", "libz", "kernel32.dll", "libc" }));
        Assert.That(targets.Single(target => target.GetProperty("module").GetString() == "libc").GetProperty("resolution").GetString(), Is.EqualTo("libc"));
        Assert.That(targets.Single(target => target.GetProperty("module").GetString() == "kernel32.dll").GetProperty("resolution").GetString(), Is.EqualTo("other-platform"));
        Assert.That(targets.Single(target => target.GetProperty("module").GetString() == "libgdiplus").GetProperty("resolution").GetString(), Is.EqualTo("missing"));
    }

    private static BundleBuilder Bundle() =>
        new BundleBuilder(BundleSamples.Bytes("apphost"))
            .Add(TestAssemblyName, BundleEntryType.Assembly, File.ReadAllBytes(typeof(BundleScanningTests).Assembly.Location))
            .Add("native/libzuser.so", BundleEntryType.NativeBinary, BundleSamples.Bytes("libzuser.so"))
            .Add("libplain.so", BundleEntryType.NativeBinary, BundleSamples.Bytes("libplain.so"), compress: true)
            .Add("libloader.so", BundleEntryType.Unknown, BundleSamples.Bytes("libloader.so"))
            .Add("app.deps.json", BundleEntryType.DepsJson, Deps);

    // The bundle mechanics are checked against policy glibc-portable: .NET's floor (the default target) has zlib and
    // would add SL2005 for the GLIBC_2.34 this machine's gcc links against.
    private static CheckReport Check(OutputDirectory output, LibraryRule[]? allow = null, IgnoreRule[]? ignore = null) =>
        PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64", PolicyName = "glibc-portable", Allow = allow ?? [], Ignore = ignore ?? [] });
}
