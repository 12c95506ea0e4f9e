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
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "helper-user=>app", "libhelper.so.1.0=>real/libhelper-impl.so");
        File.CreateSymbolicLink(output.File("libhelper.so.1.0"), "real/libhelper-impl.so");

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64" });

        Assert.That(report.Files.Select(file => file.Path), Is.EqualTo(new[] { "app", "real/libhelper-impl.so" }));
        Assert.That(report.FileNamed("app").Bundled, Has.Count.EqualTo(1));
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
