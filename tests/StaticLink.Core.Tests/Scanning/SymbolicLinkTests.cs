using System.IO;
using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Scanning;

public class SymbolicLinkTests
{
    [Test]
    public void A_link_inside_the_output_is_another_name_of_its_target_and_is_not_scanned_twice()
    {
        // app has RUNPATH $ORIGIN/lib and NEEDED libhelper.so.1: the loader opens lib/libhelper.so.1, the link, and
        // so finds the library under its other name (the loader never looks beside app without a run path).
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "origin-runpath=>app", "libhelper.so.1.0=>lib/libhelper-impl.so");
        File.CreateSymbolicLink(output.File("lib/libhelper.so.1"), "libhelper-impl.so");

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64" });

        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "app", "lib/libhelper-impl.so" }));
        Assert.That(report.FileNamed("app").Bundled, Is.EqualTo(new[] { "libhelper.so.1" }));
        Assert.That(report.WithCode(DiagnosticCodes.UnreachableLibrary), Is.Empty);
        Assert.That(report.HasErrors, Is.False);
    }

    [Test]
    public void Directory_links_are_not_followed_and_links_out_of_the_output_or_dangling_are_skipped()
    {
        using var output = new OutputDirectory();
        using var outside = new OutputDirectory();
        NativeSamples.CopyTo(outside.Path, "needs-zlib=>tool", "glibc-dynamic=>app");
        NativeSamples.CopyTo(output.Path, "musl-static=>mine");
        Directory.CreateSymbolicLink(output.File("linked-dir"), outside.Path);
        File.CreateSymbolicLink(output.File("linked-tool"), outside.File("tool"));
        File.CreateSymbolicLink(output.File("libdangling.so.1"), output.File("nowhere"));
        Directory.CreateSymbolicLink(output.File("loop"), output.Path);

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64" });

        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "mine" }));
        Assert.That(report.HasErrors, Is.False);
    }
}
