using System.IO;
using System.Linq;
using StaticLink.Core.Loading;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Loading;

/// <summary>The lddtree view on real outputs built with gcc, on debian.12 (which has zlib, and glibc at /lib/x86_64-linux-gnu).</summary>
public class DependencyTreeTests
{
    private static DependencyTree TreeOf(string output)
    {
        var report = DependencyTreeReport.Build(output, null, ["debian.12"]);
        Assert.That(report.Problems, Is.Empty);
        Assert.That(report.RuntimeIdentifier, Is.EqualTo("linux-x64"), "inferred from the files");
        return report.Trees.Single();
    }

    private static string Text(string output, string? why = null)
    {
        var report = DependencyTreeReport.Build(output, "linux-x64", ["debian.12"]);
        using var writer = new StringWriter { NewLine = "\n" };
        if (why is null)
        {
            DependencyTreeText.Write(report, writer);
        }
        else
        {
            DependencyTreeText.WriteWhy(report, why, writer);
        }

        return writer.ToString();
    }

    [Test]
    public void Each_NEEDED_is_bundled_through_RUNPATH_ORIGIN_from_the_target_missing_or_unreachable()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-origin", "libhelper.so.1=>lib/libhelper.so.1", "app-zlib", "app-extra", "app-plain=>bin/app-plain");

        var tree = TreeOf(output);

        // lib/libhelper.so.1 is loaded by app-origin, so it is not a root of its own.
        Assert.That(tree.Roots.Select(root => root.Name), Is.EqualTo(new[] { "app-extra", "app-origin", "app-zlib", "bin/app-plain" }));
        var origin = tree.Roots.Single(root => root.Name == "app-origin");
        var helper = origin.Children.Single(child => child.Name == "libhelper.so.1");
        Assert.That(helper.Resolution!.Kind, Is.EqualTo(NeededResolutionKind.Output));
        Assert.That(helper.File!.RelativePath, Is.EqualTo("lib/libhelper.so.1"));
        Assert.That(helper.Children.Select(child => child.Name), Is.EqualTo(new[] { "libc.so.6" }), "the bundled library's own NEEDED follow");
        Assert.That(helper.Children[0].Resolution!.Kind, Is.EqualTo(NeededResolutionKind.Target));

        var zlib = tree.Roots.Single(root => root.Name == "app-zlib").Children.Single(child => child.Name == "libz.so.1");
        Assert.That(zlib.Resolution!.Kind, Is.EqualTo(NeededResolutionKind.Target));
        Assert.That(zlib.Resolution.TargetLibrary!.Soname, Is.EqualTo("libz.so.1"));

        var extra = tree.Roots.Single(root => root.Name == "app-extra").Children.Single(child => child.Name == "libextra.so.1");
        Assert.That(extra.Resolution!.Kind, Is.EqualTo(NeededResolutionKind.Missing));

        // Without a run path, the copy in lib/ is never looked at.
        var plain = tree.Roots.Single(root => root.Name == "bin/app-plain").Children.Single(child => child.Name == "libhelper.so.1");
        Assert.That(plain.Resolution!.Kind, Is.EqualTo(NeededResolutionKind.Unreachable));
        Assert.That(plain.File!.RelativePath, Is.EqualTo("lib/libhelper.so.1"));

        var text = Text(output);
        Assert.That(text, Does.Contain("app-origin\n    libhelper.so.1 => bundled at lib/libhelper.so.1\n        libc.so.6 => from the target, /"));
        Assert.That(text, Does.Contain("app-extra\n    libextra.so.1 => missing\n"));
        Assert.That(text, Does.Contain("    libz.so.1 => from the target"));
        Assert.That(text, Does.Contain("bin/app-plain\n    libhelper.so.1 => unreachable: the output has lib/libhelper.so.1, but no run path reaches it\n"));
    }

    [Test]
    public void A_library_reached_twice_is_expanded_once_and_a_loop_back_is_marked_as_a_cycle()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-cycle", "libcyclea.so", "libcycleb.so");

        var tree = TreeOf(output);

        var root = tree.Roots.Single();
        Assert.That(root.Name, Is.EqualTo("app-cycle"));
        var a = root.Children.Single(child => child.Name == "libcyclea.so");
        var b = a.Children.Single(child => child.Name == "libcycleb.so");
        Assert.That((a.Repeat, b.Repeat), Is.EqualTo((DependencyRepeat.None, DependencyRepeat.None)));
        Assert.That(b.Children.Single(child => child.Name == "libcyclea.so").Repeat, Is.EqualTo(DependencyRepeat.Cycle));
        Assert.That(root.Children.Single(child => child.Name == "libcycleb.so").Repeat, Is.EqualTo(DependencyRepeat.AlreadySeen));

        var text = Text(output);
        Assert.That(text, Does.Contain("            libcyclea.so => bundled at libcyclea.so [cycle]\n"));
        Assert.That(text, Does.Contain("\n    libcycleb.so => bundled at libcycleb.so [already seen]\n"));
    }

    [Test]
    public void Libraries_that_only_load_each_other_are_still_shown()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "libcyclea.so", "libcycleb.so");

        var tree = TreeOf(output);

        Assert.That(tree.Roots.Select(root => root.Name), Is.EqualTo(new[] { "libcyclea.so" }));
        Assert.That(tree.Roots[0].Children.Single(child => child.Name == "libcycleb.so").Children.Single(child => child.Name == "libcyclea.so").Repeat, Is.EqualTo(DependencyRepeat.Cycle));
    }

    [Test]
    public void Why_names_every_file_that_brings_a_library_in_and_the_chain()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-cycle", "libcyclea.so", "libcycleb.so", "app-origin", "libhelper.so.1=>lib/libhelper.so.1", "app-zlib");

        var chains = TreeOf(output).Why("libcycleb.so");

        Assert.That(chains.Select(chain => string.Join(" > ", chain.Select(node => node.Name))), Is.EquivalentTo(new[]
        {
            "app-cycle > libcyclea.so > libcycleb.so",
            "app-cycle > libcycleb.so",
        }));

        var text = Text(output, "libhelper.so.1");
        Assert.That(text, Is.EqualTo("libhelper.so.1 on debian.12 (glibc 2.36): brought in by app-origin\n    app-origin => libhelper.so.1 (bundled at lib/libhelper.so.1)\n"));
        Assert.That(Text(output, "libz.so.1"), Does.StartWith("libz.so.1 on debian.12 (glibc 2.36): brought in by app-zlib\n    app-zlib => libz.so.1 (from the target"));
        Assert.That(Text(output, "libnothing.so"), Does.StartWith("libnothing.so: no file of "));
    }

    [Test]
    public void The_json_view_nests_each_resolution()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-origin", "libhelper.so.1=>lib/libhelper.so.1");
        using var stream = new MemoryStream();
        DependencyTreeJson.Write(DependencyTreeReport.Build(output, "linux-x64", ["debian.12"]), stream);

        using var document = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement.GetProperty("targets")[0].GetProperty("roots")[0];
        Assert.That(root.GetProperty("path").GetString(), Is.EqualTo("app-origin"));
        var helper = root.GetProperty("needed").EnumerateArray().Single(item => item.GetProperty("name").GetString() == "libhelper.so.1");
        Assert.That(helper.GetProperty("resolution").GetString(), Is.EqualTo("bundled"));
        Assert.That(helper.GetProperty("path").GetString(), Is.EqualTo("lib/libhelper.so.1"));
        Assert.That(helper.GetProperty("needed")[0].GetProperty("resolution").GetString(), Is.EqualTo("target"));
    }
}
