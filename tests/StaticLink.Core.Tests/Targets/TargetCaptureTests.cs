using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Targets;

[TestFixture]
public sealed class TargetCaptureTests
{
    private const string LibDir = "usr/lib/x86_64-linux-gnu";
    private TempDirectory _debian = null!;
    private TargetCaptureResult _captured = null!;

    [OneTimeSetUp]
    public void BuildDebianRoot()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Ignore("needs an x86-64 Linux machine with apt");
        }

        _debian = new TempDirectory("staticlink-debian-root-");
        DebianPackages.Unpack(_debian.Path, "libc6", "libssl3", "zlib1g");
        var lib = Path.Combine(_debian.Path, LibDir);
        Directory.CreateDirectory(lib);
        var libz = Directory.GetFiles(Path.Combine(_debian.Path, "lib/x86_64-linux-gnu"), "libz.so.1.*").Concat(Directory.GetFiles(lib, "libz.so.1.*")).First();

        // An absolute link: inside the root it means the root's /lib, never this machine's.
        File.CreateSymbolicLink(Path.Combine(lib, "libabsolute.so.1"), "/" + Path.GetRelativePath(_debian.Path, libz));
        // A link that climbs above the root: ".." at the root stays at the root, as in a chroot.
        File.CreateSymbolicLink(Path.Combine(lib, "libclimbs.so.1"), "../../../../../../../../" + Path.GetRelativePath(_debian.Path, libz));
        // A link to a file this machine has but the root does not: not found.
        File.CreateSymbolicLink(Path.Combine(lib, "libhostonly.so.6"), "/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        File.CreateSymbolicLink(Path.Combine(lib, "libloop.so.1"), "libloop.so.2");
        File.CreateSymbolicLink(Path.Combine(lib, "libloop.so.2"), "libloop.so.1");
        var fifo = ExternalTool.Run("mkfifo", [Path.Combine(lib, "libfifo.so.1")]);
        Assert.That(fifo.ExitCode, Is.Zero, fifo.Describe());
        File.WriteAllBytes(Path.Combine(lib, "libbroken.so.1"), BrokenSharedObject());
        File.WriteAllText(Path.Combine(lib, "libtext.so"), "/* GNU ld script */ GROUP ( libc.so.6 )");

        // ld.so.conf with an include glob, relative to the root.
        Directory.CreateDirectory(Path.Combine(_debian.Path, "etc/ld.so.conf.d"));
        Directory.CreateDirectory(Path.Combine(_debian.Path, "opt/custom/lib"));
        File.WriteAllText(Path.Combine(_debian.Path, "etc/ld.so.conf"), "# comment\ninclude /etc/ld.so.conf.d/*.conf\n");
        File.WriteAllText(Path.Combine(_debian.Path, "etc/ld.so.conf.d/custom.conf"), "/opt/custom/lib\n");
        File.Copy(libz, Path.Combine(_debian.Path, "opt/custom/lib/libcustom.so.1"));

        var capture = Task.Run(() => TargetCapture.CaptureWithNotes(_debian.Path, "test-debian", TargetKind.RootFilesystem));
        Assert.That(capture.Wait(TimeSpan.FromMinutes(2)), Is.True, "the capture hangs (a FIFO opened?)");
        _captured = capture.Result;
    }

    /// <summary>A 64-bit x86-64 shared object header whose program headers lie beyond the end of the file.</summary>
    private static byte[] BrokenSharedObject()
    {
        var bytes = new byte[128];
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // little-endian
        bytes[6] = 1;
        bytes[16] = 3; // ET_DYN
        bytes[18] = 62; // EM_X86_64
        bytes[20] = 1;
        bytes[33] = 0x10; // e_phoff 0x1000, past the end
        bytes[52] = 64; // e_ehsize
        bytes[54] = 56; // e_phentsize
        bytes[56] = 5; // e_phnum
        return bytes;
    }

    [OneTimeTearDown]
    public void RemoveRoot() => _debian?.Dispose();

    private TargetDescription Target => _captured.Target;

    [Test]
    public void GlibcFlavourReleaseAndArchitectureComeFromTheRoot()
    {
        Assert.That(Target.Libc, Is.EqualTo(LibcFlavor.Glibc));
        Assert.That(Target.LibcVersion?.Text, Is.EqualTo("2.36"));
        Assert.That(Target.ArchitectureName, Is.EqualTo("x64"));
    }

    [Test]
    public void LibcIsFoundWithItsVersionDefinitions()
    {
        var libc = Target.FindLibrary("libc.so.6");
        Assert.That(libc, Is.Not.Null);
        Assert.That(libc!.Versions, Does.Contain("GLIBC_2.36").And.Contain("GLIBC_2.2.5"));
        Assert.That(libc.Versions, Does.Not.Contain("libc.so.6"), "the base definition is the file's name, not a version");
    }

    [Test]
    public void OpenSslAndTheInterpreterArePresent()
    {
        Assert.That(Target.FindLibrary("libssl.so.3"), Is.Not.Null);
        Assert.That(Target.FindLibrary("/lib64/ld-linux-x86-64.so.2"), Is.Not.Null);
    }

    [Test]
    public void SymbolicLinksResolveInsideTheRoot()
    {
        Assert.That(Target.FindLibrary("libabsolute.so.1"), Is.Not.Null, "absolute link target relative to the root");
        Assert.That(Target.FindLibrary("libclimbs.so.1"), Is.Not.Null, "'..' above the root stays at the root");
        Assert.That(Target.FindLibrary("libhostonly.so.6"), Is.Null, "the link must not reach this machine's own /usr/lib");
        Assert.That(Target.FindLibrary("libloop.so.1"), Is.Null);
        Assert.That(Target.FindLibrary("libloop.so.2"), Is.Null);
    }

    [Test]
    public void FifosLinkerScriptsAndBrokenFilesAreNotLibraries()
    {
        Assert.That(Target.FindLibrary("libfifo.so.1"), Is.Null);
        Assert.That(Target.FindLibrary("libtext.so"), Is.Null);
        Assert.That(Target.FindLibrary("libbroken.so.1"), Is.Null);
        Assert.That(_captured.SkippedFiles, Has.Some.Contains("libbroken.so.1"));
        Assert.That(Target.Source, Does.Contain("skipped"));
    }

    [Test]
    public void LdSoConfIncludesAreFollowed()
    {
        Assert.That(Target.FindLibrary("libcustom.so.1")?.Path, Is.EqualTo("/opt/custom/lib/libcustom.so.1"));
    }

    [Test]
    public void TheCaptureRoundTripsThroughTheTargetFileFormat()
    {
        var writer = new StringWriter();
        TargetFile.Write(Target, writer);
        var read = TargetFile.Parse(writer.ToString(), "capture");
        Assert.That(read.Libraries, Has.Count.EqualTo(Target.Libraries.Count));
        Assert.That(read.FindLibrary("libc.so.6")!.Defines("GLIBC_2.34"), Is.True);
    }

    [Test]
    public void MuslRootFromDebiansMuslPackage()
    {
        using var root = new TempDirectory("staticlink-musl-root-");
        DebianPackages.Unpack(root.Path, "musl");
        var target = TargetCapture.Capture(root.Path, "musl", TargetKind.RootFilesystem);
        Assert.That(target.Libc, Is.EqualTo(LibcFlavor.Musl));
        Assert.That(target.LibcVersion?.Text, Is.EqualTo("1.2.3"));
        Assert.That(target.ArchitectureName, Is.EqualTo("x64"));
        Assert.That(target.LibcSymbols, Does.Contain("qsort_r").And.Contain("fopen64").And.Contain("printf"));
        Assert.That(target.FindLibrary("/lib/ld-musl-x86_64.so.1"), Is.Not.Null);
    }

    [Test]
    public void AMissingRootIsACaptureError()
    {
        Assert.Throws<TargetCaptureException>(() => TargetCapture.Capture("/nonexistent/staticlink-root", "x", TargetKind.RootFilesystem));
    }

    [Test]
    public void ARootWithoutALoaderHasNoCLibrary()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "etc"));
        var target = TargetCapture.CaptureWithNotes(root.Path, "static", TargetKind.Image, "arm64").Target;
        Assert.That(target.Libc, Is.EqualTo(LibcFlavor.None));
        Assert.That(target.ArchitectureName, Is.EqualTo("arm64"));
        Assert.That(target.Libraries, Is.Empty);
    }

    [Test]
    public void DockerSaveArchiveAppliesLayersWhiteoutsAndEnv()
    {
        using var work = new TempDirectory();
        var archive = ImageArchives.DockerSave(work, _debian.Path, "libssl.so.3", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true", "PATH=/usr/bin"]);
        var target = TargetCapture.CaptureImage(archive, "saved", TargetKind.Image).Target;
        Assert.That(target.FindLibrary("libc.so.6"), Is.Not.Null);
        Assert.That(target.FindLibrary("libssl.so.3"), Is.Null, "the upper layer's whiteout removed it");
        Assert.That(target.FindLibrary("libcrypto.so.3"), Is.Not.Null);
        Assert.That(target.SetsInvariantGlobalization, Is.True);
        Assert.That(target.Environment["PATH"], Is.EqualTo("/usr/bin"));
    }

    [Test]
    public void OciArchiveAppliesAnOpaqueWhiteout()
    {
        using var work = new TempDirectory();
        var archive = ImageArchives.OciLayout(work, _debian.Path, ["A=1"]);
        var target = TargetCapture.CaptureImage(archive, "oci", TargetKind.Image).Target;
        Assert.That(target.FindLibrary("libc.so.6"), Is.Not.Null, "libc lives in /lib/x86_64-linux-gnu, not under the opaque directory");
        Assert.That(target.FindLibrary("libssl.so.3"), Is.Null, "the opaque whiteout emptied /usr/lib/x86_64-linux-gnu of the lower layer");
        Assert.That(target.FindLibrary("libkept.so.1"), Is.Not.Null, "the opaque layer's own files stay");
        Assert.That(target.Environment["A"], Is.EqualTo("1"));
    }

    [Test]
    public void ANonImageArchiveIsACaptureError()
    {
        using var work = new TempDirectory();
        var path = work.File("not-an-image.tar", new byte[1024]);
        Assert.Throws<TargetCaptureException>(() => TargetCapture.CaptureImage(path, "x", TargetKind.Image));
    }
}
