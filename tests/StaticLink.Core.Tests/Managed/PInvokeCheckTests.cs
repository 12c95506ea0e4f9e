using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Bundles;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Bundles;
using StaticLink.Core.Tests.Policy;
using StaticLink.Core.Tests.Scanning;

namespace StaticLink.Core.Tests.Managed;

/// <summary>
/// This test assembly, copied into an output, calls libgdiplus (DllImport), libz (LibraryImport), kernel32.dll
/// and libc (see <see cref="PInvokeSamples"/>): only the first two are reported, and only until provided.
/// </summary>
public class PInvokeCheckTests
{
    private static readonly string TestAssembly = typeof(PInvokeSamples).Assembly.Location;
    private static readonly string TestAssemblyName = Path.GetFileName(TestAssembly);

    [Test]
    public void An_assemblys_P_Invoke_targets_that_nothing_provides_are_SL2001()
    {
        using var output = OutputWithTestAssembly();

        var report = Check(output);

        var findings = report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary);
        Assert.That(findings.Select(finding => finding.Library), Is.EquivalentTo(new[] { "libgdiplus.so", "libz.so" }));
        Assert.That(findings.Select(finding => finding.Severity), Is.All.EqualTo(FindingSeverity.Warning));
        Assert.That(findings.Select(finding => finding.File), Is.All.EqualTo(TestAssemblyName));
        var gdiplus = findings.Single(finding => finding.Library == "libgdiplus.so");
        Assert.That(gdiplus.Shown(), Is.EqualTo(
            $"{TestAssemblyName} calls native library \"libgdiplus\" (libgdiplus.so) with P/Invoke, and neither the output nor dotnet-floor (glibc 2.27) has it. "
            + "1 method, e.g. GdiplusStartup. On first call the runtime loads libgdiplus.so (then liblibgdiplus.so, libgdiplus, liblibgdiplus); "
            + "ELF tools do not see this dependency: without it the call fails with DllNotFoundException. "
            + "Bundle a native build for linux-x64 (a package asset under runtimes/linux-x64/native/libgdiplus.so), or install it in the target image. "
            + "If the app never makes these calls on Linux, allow it with an allow rule for libgdiplus.so*."));
        var allow = gdiplus.Fix!.Steps.Single(step => step.Kind == FixKind.AllowLibrary);
        Assert.That((allow.Library, allow.Pattern), Is.EqualTo(("libgdiplus", "libgdiplus.so*")));
        // No target, policy or TFM named: the check runs against .NET's floor for the newest .NET (glibc 2.23 on linux-x64).
        Assert.That(gdiplus.Rule, Is.EqualTo("dotnet-floor (glibc 2.27)"));
        Assert.That(gdiplus.Target, Is.EqualTo("dotnet-floor"));
        Assert.That(report.PolicyName, Is.EqualTo("dotnet-floor"));
        Assert.That(report.HasErrors, Is.False, "a P/Invoke target is a warning, like a dlopen candidate");
        Assert.That(report.Files, Is.Empty, "an assembly is not a native file");
    }

    [Test]
    public void Every_target_is_in_the_report_with_how_it_is_provided()
    {
        using var output = OutputWithTestAssembly();

        var targets = Check(output).PInvokeTargets.ToDictionary(target => target.Module);

        Assert.That(targets["libgdiplus"].Resolution, Is.EqualTo(PInvokeResolution.Missing));
        Assert.That(targets["libgdiplus"].ResolvedBy, Is.Null);
        Assert.That(targets["libc"].Resolution, Is.EqualTo(PInvokeResolution.CLibrary));
        Assert.That(targets["kernel32.dll"].Resolution, Is.EqualTo(PInvokeResolution.OtherPlatform));
        Assert.That(targets["kernel32.dll"].ResolvedBy, Is.EqualTo("Windows only"));
        Assert.That(targets.Values.Select(target => target.Assembly), Is.All.EqualTo(TestAssemblyName));
    }

    [Test]
    public void A_library_bundled_under_any_probed_name_provides_the_target()
    {
        using var output = OutputWithTestAssembly();
        File.WriteAllBytes(output.File("runtimes/linux-x64/native/libgdiplus.so"), BundleSamples.Bytes("libplain.so"));

        var report = Check(output);

        Assert.That(report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary).Select(finding => finding.Library), Is.EqualTo(new[] { "libz.so" }));
        var target = report.PInvokeTargets.Single(target => target.Module == "libgdiplus");
        Assert.That((target.Resolution, target.ResolvedBy), Is.EqualTo((PInvokeResolution.Bundled, "libgdiplus.so")));
    }

    [Test]
    public void An_allow_rule_provides_the_target()
    {
        using var output = OutputWithTestAssembly();

        var report = Check(output, allow: [new LibraryRule("libgdiplus.so*", "no drawing on Linux"), new LibraryRule("libz*")]);

        Assert.That(report.WithCode(DiagnosticCodes.RuntimeLoadedLibrary), Is.Empty);
        Assert.That(report.PInvokeTargets.Single(target => target.Module == "libz").ResolvedBy, Is.EqualTo("StaticLinkAllow libz*"));
    }

    [Test]
    public void An_ignored_assembly_is_not_reported()
    {
        using var output = OutputWithTestAssembly();

        var report = Check(output, ignore: [new IgnoreRule(TestAssemblyName, "test code")]);

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.PInvokeTargets.Select(target => target.Resolution), Is.All.EqualTo(PInvokeResolution.Ignored));
        Assert.That(report.PInvokeTargets.Select(target => target.ResolvedBy), Is.All.EqualTo("test code"));
    }

    [Test]
    public void A_truncated_assembly_is_SL1010_naming_the_assembly_and_offset()
    {
        using var output = new OutputDirectory();
        var bytes = File.ReadAllBytes(TestAssembly);
        output.Write("Broken.dll", bytes[..(bytes.Length / 2)]);

        var report = Check(output);

        var finding = report.WithCode(DiagnosticCodes.UnreadableFile).Single();
        Assert.That(finding.File, Is.EqualTo("Broken.dll"));
        Assert.That(finding.Message, Does.StartWith("Broken.dll has a .NET CLI header but its metadata could not be read at offset 0x"));
        Assert.That((finding.Fix!.Steps.Single().Kind, finding.Fix.Steps.Single().File), Is.EqualTo((FixKind.IgnoreFile, "Broken.dll")));
    }

    [Test]
    public void A_truncated_assembly_in_a_single_file_bundle_is_SL1010_under_its_bundle_name()
    {
        using var output = new OutputDirectory();
        var bytes = File.ReadAllBytes(TestAssembly);
        output.Write("app", new BundleBuilder(BundleSamples.Bytes("apphost")).Add("Broken.dll", BundleEntryType.Assembly, bytes[..(bytes.Length / 2)]).Build().Bytes);

        var report = Check(output);

        var finding = report.WithCode(DiagnosticCodes.UnreadableFile).Single();
        Assert.That(finding.File, Is.EqualTo("app!/Broken.dll"));
        Assert.That(finding.Message, Does.StartWith($"app!/Broken.dll (in the single-file bundle app) has a .NET CLI header but its metadata could not be read at offset 0x{bytes.Length / 2:x}. The reader says: "));
        Assert.That(finding.Message, Does.Contain("past the end of the file: it was cut short. "));
    }

    [Test]
    public void Files_that_are_not_assemblies_are_left_alone()
    {
        using var output = new OutputDirectory();
        output.Write("notes.dll", "just text"u8.ToArray());
        output.Write("windows.dll", [(byte)'M', (byte)'Z', .. new byte[300]]);
        output.Write("data.bin", File.ReadAllBytes(TestAssembly));

        var report = Check(output);

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.PInvokeTargets, Is.Empty, "only *.dll and *.exe are assemblies the runtime loads");
    }

    [Test]
    public void Every_truncation_and_random_damage_of_an_assembly_is_a_finding_or_nothing_never_an_exception()
    {
        var original = File.ReadAllBytes(TestAssembly);
        using var output = new OutputDirectory();
        var random = new Random(7);
        for (var round = 0; round < 60; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var change = random.Next(1, 12); change > 0; change--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            output.Write($"Damaged{round:D2}.dll", bytes);
        }

        for (var length = 0; length < original.Length; length += original.Length / 40)
        {
            output.Write($"Cut{length:D7}.dll", original[..length]);
        }

        var report = Check(output);

        TestContext.Out.WriteLine($"{report.WithCode(DiagnosticCodes.UnreadableFile).Count} unreadable, {report.PInvokeTargets.Count} targets");
        Assert.That(report.Findings.Select(finding => finding.Code), Is.All.AnyOf(DiagnosticCodes.UnreadableFile, DiagnosticCodes.RuntimeLoadedLibrary));
        Assert.That(report.WithCode(DiagnosticCodes.UnreadableFile), Is.Not.Empty);
    }

    private static OutputDirectory OutputWithTestAssembly()
    {
        var output = new OutputDirectory();
        output.Write(TestAssemblyName, File.ReadAllBytes(TestAssembly));
        Directory.CreateDirectory(output.File("runtimes/linux-x64/native"));
        return output;
    }

    private static CheckReport Check(OutputDirectory output, LibraryRule[]? allow = null, IgnoreRule[]? ignore = null) =>
        PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64", Allow = allow ?? [], Ignore = ignore ?? [] });
}
