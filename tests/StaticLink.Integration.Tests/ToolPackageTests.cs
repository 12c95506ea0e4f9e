using System;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using StaticLink.Core.Elf;
using StaticLink.Tests.Shared.LoaderTruth;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The .NET tool as a user gets it: StaticLink.Cli from a local folder feed, installed into a tool path or run once
/// with dnx, then `staticlink --version` and `staticlink check` on real directories holding a real ELF file.
/// </summary>
[NonParallelizable]
public sealed class ToolPackageTests : IntegrationTest
{
    private const string PassesSource = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n";
    private const string DemoSource = "int demo_answer(void) { return 42; }\n";
    private const string UsesDemoSource = "int demo_answer(void);\nint main(void) { return demo_answer() == 42 ? 0 : 1; }\n";

    private string _work = string.Empty;
    private string _passing = string.Empty;
    private string _failing = string.Empty;

    [OneTimeSetUp]
    public void PackTheToolAndBuildTheOutputs()
    {
        ToolPackage.EnsurePacked();
        _work = Path.Combine(PackageFeed.WorkDirectory, "tool-package");
        _passing = Path.Combine(_work, "output-passes");
        _failing = Path.Combine(_work, "output-fails");
        var library = Path.Combine(_work, "build", "libdemo.so.1");

        // Needs only libc.so.6, which debian.12 has; the other needs libdemo.so.1, which no output or target has.
        StaticProfileTools.Compile("gcc", PassesSource, Path.Combine(_passing, "hello"), "-O1");
        StaticProfileTools.Compile("gcc", DemoSource, library, "-O1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        // Debian links --as-needed: a library named before the source would be dropped as unneeded.
        StaticProfileTools.Compile("gcc", UsesDemoSource, Path.Combine(_failing, "uses-demo"), "-O1", "-Wl,--no-as-needed", library);
        foreach (var source in Directory.GetFiles(_passing, "*.c").Concat(Directory.GetFiles(_failing, "*.c")))
        {
            File.Delete(source);
        }

        // The verdicts the tests expect from staticlink are the real loader's, in a Debian 12 root like debian.12.
        var debian12 = RootFilesystem.GlibcFull();
        var passes = RealLoader.Ask(debian12, _passing, "hello");
        Assert.That(passes.Loads, Is.True, passes.Summary());
        var fails = RealLoader.Ask(debian12, _failing, "uses-demo");
        Assert.That(fails.Loads, Is.False, fails.Summary());
        Assert.That(fails.RawOutput, Does.Contain("libdemo.so.1"), fails.Summary());
    }

    [Test]
    public void Installed_into_a_tool_path_staticlink_prints_the_package_version_and_checks_a_directory()
    {
        var toolPath = Path.Combine(_work, "tool-path");

        var install = DotNetCli.Run(_work, ["tool", "install", "StaticLink.Cli", "--tool-path", toolPath, "--add-source", PackageFeed.FeedDirectory, "--version", PackageFeed.Version]);

        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        var staticlink = Path.Combine(toolPath, "staticlink");
        Assert.That(File.Exists(staticlink), Is.True, install.ToString());

        var version = ExternalTool.Run(staticlink, ["--version"]);
        Assert.That(version.ExitCode, Is.Zero, version.Describe());
        Assert.That(version.StandardOutput, Is.EqualTo(PackageFeed.Version + "\n"), "the version and a newline, nothing else");

        var passes = ExternalTool.Run(staticlink, ["check", "--rid", HostLinuxRid(), "--target", "debian.12", _passing]);
        Assert.That(passes.ExitCode, Is.Zero, passes.Describe());
        Assert.That(LastLine(passes.StandardOutput), Does.Match(@"^StaticLink: 1 native file checked against debian\.12 \(.+\): passed, 0 errors, 0 warnings\.$"), passes.Describe());

        var fails = ExternalTool.Run(staticlink, ["check", "--rid", HostLinuxRid(), "--target", "debian.12", _failing]);
        Assert.That(fails.ExitCode, Is.EqualTo(1), fails.Describe());
        Assert.That(fails.StandardOutput, Does.Contain("uses-demo: error SL1001: "), fails.Describe());
        Assert.That(LastLine(fails.StandardOutput), Does.Match(@"^StaticLink: 1 native file checked against debian\.12 \(.+\): FAILED, 1 error, 0 warnings\.$"), fails.Describe());

        var usage = ExternalTool.Run(staticlink, ["check", "--rid", "win-x64", _passing]);
        Assert.That(usage.ExitCode, Is.EqualTo(64), usage.Describe());
        Assert.That(usage.StandardOutput, Is.Empty);
    }

    [Test]
    public void On_linux_x64_the_installer_picks_the_NativeAOT_program_and_it_starts_on_Debian_11()
    {
        if (HostLinuxRid() != "linux-x64")
        {
            Assert.Ignore($"{HostLinuxRid()} gets a ReadyToRun package; see the next test");
        }

        var toolPath = Path.Combine(_work, "tool-path-aot");
        var install = DotNetCli.Run(_work, ["tool", "install", "StaticLink.Cli", "--tool-path", toolPath, "--add-source", PackageFeed.FeedDirectory, "--version", PackageFeed.Version]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());

        var store = Path.Combine(toolPath, ".store", "staticlink.cli", PackageFeed.Version.ToLowerInvariant());
        var entries = Directory.GetFileSystemEntries(store, "*", SearchOption.AllDirectories);
        var listing = string.Join("\n", entries);
        var program = entries.Single(entry => Path.GetFileName(entry) == "staticlink" && File.Exists(entry));
        Assert.Multiple(() =>
        {
            Assert.That(program, Does.Contain($"{Path.DirectorySeparatorChar}staticlink.cli.linux-x64{Path.DirectorySeparatorChar}"), listing);
            Assert.That(entries.Where(entry => entry.EndsWith(".dll", StringComparison.Ordinal)), Is.Empty, "a NativeAOT program needs no assemblies\n" + listing);
            Assert.That(entries.Where(entry => entry.EndsWith(".dbg", StringComparison.Ordinal) || entry.EndsWith(".pdb", StringComparison.Ordinal)), Is.Empty, "no debug symbols shipped\n" + listing);
        });

        // The reader says GLIBC_2.17 at most; bullseye's own loader proves it for glibc 2.31.
        GlibcVersionNeeds.AssertAtMost2_17(program);

        var bullseye = DebianReleaseRoot.Bullseye("libc6");
        Assert.That(bullseye.InstalledPackages, Has.Some.StartWith("libc6 2.31-"), bullseye.ToString());
        var run = RealLoader.RunApp(bullseye, Path.GetDirectoryName(program)!, "staticlink", ["--version"]);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Is.EqualTo(PackageFeed.Version + "\n"), run.Describe());

        // The program as installed: start-up, the engine and the report, on this machine.
        var check = ExternalTool.Run(Path.Combine(toolPath, "staticlink"), ["check", "--rid", "linux-x64", "--target", "debian.12", _failing]);
        Assert.That(check.ExitCode, Is.EqualTo(1), check.Describe());
        Assert.That(check.StandardOutput, Does.Contain("uses-demo: error SL1001: "), check.Describe());
    }

    [Test]
    public void The_arm64_and_musl_packages_are_ReadyToRun_and_every_RID_package_is_in_the_pointer()
    {
        var pointer = Path.Combine(PackageFeed.FeedDirectory, $"StaticLink.Cli.{PackageFeed.Version}.nupkg");
        using (var archive = System.IO.Compression.ZipFile.OpenRead(pointer))
        {
            var settings = archive.Entries.Single(entry => entry.Name == "DotnetToolSettings.xml");
            using var reader = new StreamReader(settings.Open());
            var text = reader.ReadToEnd();
            foreach (var rid in new[] { "linux-x64", "linux-arm64", "linux-musl-x64", "any" })
            {
                Assert.That(text, Does.Contain($"RuntimeIdentifier=\"{rid}\""), text);
            }
        }

        foreach (var rid in new[] { "linux-arm64", "linux-musl-x64" })
        {
            var package = Path.Combine(PackageFeed.FeedDirectory, $"StaticLink.Cli.{rid}.{PackageFeed.Version}.nupkg");
            var unpacked = Path.Combine(_work, "unpacked-" + rid);
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }

            System.IO.Compression.ZipFile.ExtractToDirectory(package, unpacked);
            var assembly = Directory.GetFiles(unpacked, "staticlink.dll", SearchOption.AllDirectories).Single();
            Assert.That(IsReadyToRun(assembly), Is.True, $"{rid}: precompiled, so start-up does not JIT the parser and the engine");
            Assert.That(IsReadyToRun(Path.Combine(Path.GetDirectoryName(assembly)!, "System.CommandLine.dll")), Is.True, rid);
            Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "staticlink")), Is.False, $"{rid}: no apphost: the installer's shim runs dotnet staticlink.dll");
        }
    }

    [Test]
    public void Dnx_runs_the_tool_once_from_the_folder_feed()
    {
        var version = DotNetCli.Run(_work, ["dnx", $"StaticLink.Cli@{PackageFeed.Version}", "--add-source", PackageFeed.FeedDirectory, "--yes", "--", "--version"]);
        Assert.That(version.ExitCode, Is.Zero, version.ToString());
        Assert.That(LastLine(version.Output), Is.EqualTo(PackageFeed.Version), version.ToString());

        var check = DotNetCli.Run(_work, ["tool", "exec", $"StaticLink.Cli@{PackageFeed.Version}", "--add-source", PackageFeed.FeedDirectory, "--yes", "--", "check", "--rid", HostLinuxRid(), "--target", "debian.12", _failing]);
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(LastLine(check.Output), Does.Match(@"^StaticLink: 1 native file checked against debian\.12 \(.+\): FAILED, 1 error, 0 warnings\.$"), check.ToString());
    }

    private static string HostLinuxRid() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "linux-x64",
        Architecture.Arm64 => "linux-arm64",
        var other => "linux-" + other.ToString().ToLowerInvariant(),
    };

    private static string LastLine(string text) => text.TrimEnd('\n', '\r').Split('\n')[^1].TrimEnd('\r');

    // A ReadyToRun image carries a managed native header (the precompiled code's table) in its CLI header.
    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
