using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>The roots are made of the packages asked for, and each has what its loader needs to work.</summary>
[TestFixture]
public sealed class RootFilesystemTests
{
    [Test]
    public void GlibcFull_records_the_six_packages_it_was_made_of_with_their_versions()
    {
        var root = RootFilesystem.GlibcFull();

        var names = root.InstalledPackages.Select(line => line.Split(' ')[0]).Order().ToList();
        Assert.That(names, Is.EqualTo(new[] { "libc6", "libgcc-s1", "libicu72", "libssl3", "libstdc++6", "zlib1g" }));
        Assert.That(root.InstalledPackages, Has.All.Match(@"^\S+ \S+ amd64$"));
        Assert.That(File.ReadAllLines(root.HostPath("/packages.txt")), Is.EqualTo(root.InstalledPackages));
        TestContext.Out.WriteLine(string.Join("\n", root.InstalledPackages));
    }

    [Test]
    public void A_glibc_root_has_the_loader_at_its_ABI_path_and_a_loader_cache()
    {
        var root = RootFilesystem.GlibcOnly();

        Assert.That(new FileInfo(root.HostPath("/lib64/ld-linux-x86-64.so.2")).LinkTarget, Is.EqualTo("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
        Assert.That(File.Exists(root.HostPath("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")), Is.True);
        Assert.That(File.Exists(root.HostPath("/etc/ld.so.cache")), Is.True);
        Assert.That(File.Exists(root.HostPath("/usr/lib/x86_64-linux-gnu/libstdc++.so.6")), Is.False, "glibc-only has no C++ runtime");
    }

    [Test]
    public void The_musl_root_searches_the_standard_dirs_first_as_Alpine_does()
    {
        var root = RootFilesystem.Musl();

        Assert.That(root.InstalledPackages.Single(), Does.StartWith("musl 1.2.3"));
        Assert.That(new FileInfo(root.HostPath("/lib/ld-musl-x86_64.so.1")).LinkTarget, Is.EqualTo("x86_64-linux-musl/libc.so"));
        Assert.That(
            File.ReadAllLines(root.HostPath("/etc/ld-musl-x86_64.path")),
            Is.EqualTo(new[] { "/lib", "/usr/local/lib", "/usr/lib", "/lib/x86_64-linux-musl", "/usr/lib/x86_64-linux-musl" }));
    }

    [Test]
    public void A_root_is_built_once_and_then_reused()
    {
        var first = RootFilesystem.GlibcBare();
        var again = RootFilesystem.FromPackages("glibc-bare", LibcFlavor.Glibc, "libstdc++6", "libc6", "libgcc-s1");

        Assert.That(again.Path, Is.EqualTo(first.Path));
    }
}
