using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// Files that change while the check reads them: a library still being copied in by another publish, one that keeps
/// growing, one removed meanwhile. The check never judges half a copy, never hangs, and says what happened.
/// </summary>
public sealed class ChangingFileTests
{
    private const string Program = "/bin/true";

    private static CheckReport Check(string root) => PublishChecker.Check(new CheckOptions { Root = root, RuntimeIdentifier = "linux-x64", Targets = ["debian.12"] });

    [Test]
    public void A_library_still_being_copied_in_is_read_once_it_is_whole()
    {
        using var output = new OutputDirectory();
        var bytes = File.ReadAllBytes(Program);
        var path = output.File("libcopying.so");
        File.WriteAllBytes(path, bytes[..64]);
        // The rest arrives in small writes, as a copy between two busy processes does.
        var copy = Task.Run(() =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            for (var offset = 64; offset < bytes.Length; offset += 4096)
            {
                Thread.Sleep(100);
                stream.Write(bytes, offset, Math.Min(4096, bytes.Length - offset));
                stream.Flush();
            }
        });

        var report = Check(output.Path);
        copy.Wait();

        Assert.That(report.Findings.Where(finding => finding.Code == DiagnosticCodes.UnreadableFile), Is.Empty, string.Join("\n", report.Findings.Select(finding => finding.Message)));
        var file = report.Files.Single(candidate => candidate.Path == "libcopying.so");
        Assert.That(file.Size, Is.EqualTo(bytes.Length), "judged whole");
        Assert.That(file.Elf, Is.Not.Null);
    }

    [Test]
    public void A_library_that_keeps_growing_is_one_SL1010_after_the_wait_not_a_hang()
    {
        using var output = new OutputDirectory();
        var path = output.File("libgrowing.so");
        File.WriteAllBytes(path, File.ReadAllBytes(Program)[..64]);
        using var stop = new CancellationTokenSource();
        var grow = Task.Run(() =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            while (!stop.IsCancellationRequested)
            {
                stream.WriteByte(0);
                stream.Flush();
                Thread.Sleep(50);
            }
        });

        var clock = Stopwatch.StartNew();
        var report = Check(output.Path);
        clock.Stop();
        stop.Cancel();
        grow.Wait();

        var finding = report.Findings.Single(candidate => candidate.Code == DiagnosticCodes.UnreadableFile);
        Assert.That(finding.File, Is.EqualTo("libgrowing.so"));
        Assert.That(finding.Message, Does.Contain("still being written 5 s after the check first read it"));
        Assert.That(clock.Elapsed, Is.LessThan(SettlingFile.Limit + TimeSpan.FromSeconds(10)), "the wait is bounded");
    }

    [Test]
    public void A_library_removed_while_it_is_read_is_one_SL1010_that_says_so()
    {
        using var output = new OutputDirectory();
        File.Copy(Program, output.File("libgone.so"));
        // The file vanishes between the listing and the read, as when another publish cleans the directory.
        var scanner = new OutputScanner(path =>
        {
            File.Delete(path);
            return ElfReader.Inspect(path);
        });

        var scan = scanner.Scan(output.Path);

        var file = scan.Files.Single(candidate => candidate.RelativePath == "libgone.so");
        Assert.That(file.Error, Does.StartWith("it was removed while the check was reading it"));
    }

    [Test]
    public void A_truncated_library_that_nobody_writes_is_judged_at_once()
    {
        using var output = new OutputDirectory();
        var path = output.File("libtruncated.so");
        File.WriteAllBytes(path, File.ReadAllBytes(Program)[..100]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - TimeSpan.FromMinutes(1));

        var clock = Stopwatch.StartNew();
        var report = Check(output.Path);
        clock.Stop();

        var finding = report.Findings.Single(candidate => candidate.Code == DiagnosticCodes.UnreadableFile);
        Assert.That(finding.Message, Does.Not.Contain("still being written").And.Not.Contain("removed"));
        Assert.That(clock.Elapsed, Is.LessThan(SettlingFile.Limit), "no wait for a file that is not changing");
    }
}
