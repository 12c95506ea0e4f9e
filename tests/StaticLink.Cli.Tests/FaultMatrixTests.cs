using System;
using System.Linq;
using System.Runtime.Versioning;
using StaticLink.Tests.Shared;

namespace StaticLink.Cli.Tests;

/// <summary>
/// staticlink check on outputs holding one broken or special file each: it never hangs, never prints a stack
/// trace, says SL1010 exactly once for a file named like a library that cannot be read as ELF and nothing for
/// other names, always writes a JSON report, and leaves the output as it was.
/// </summary>
[TestFixture]
public sealed class FaultMatrixTests
{
    private const string TrueProgram = "/bin/true";

    [Test]
    public void A_FIFO_named_like_a_library_is_one_SL1010_and_is_never_opened()
    {
        using var output = new FaultOutput("fifo-lib");
        output.Fifo("libx.so");

        Check(output, FaultReport.Unreadable("libx.so"));
    }

    [Test]
    public void A_FIFO_named_like_an_assembly_is_passed_over()
    {
        using var output = new FaultOutput("fifo-dll");
        output.Fifo("app.dll");

        Check(output, FaultReport.Unreadable());
    }

    [Test]
    public void A_Unix_socket_named_like_a_library_is_one_SL1010()
    {
        using var output = new FaultOutput("socket-lib");
        output.UnixSocket("libsock.so");

        Check(output, FaultReport.Unreadable("libsock.so"));
    }

    [Test]
    public void A_Unix_socket_with_another_name_is_passed_over()
    {
        using var output = new FaultOutput("socket");
        output.UnixSocket("dotnet-diagnostic.sock");

        Check(output, FaultReport.Unreadable());
    }

    [Test]
    public void A_loop_of_file_links_is_passed_over()
    {
        using var output = new FaultOutput("link-loop");
        output.FileLink("a", "b");
        output.FileLink("b", "a");

        Check(output, FaultReport.Unreadable());
    }

    [Test]
    public void A_directory_link_to_its_parent_is_not_followed()
    {
        using var output = new FaultOutput("dir-loop");
        output.Copy(TrueProgram, "dir/app");
        output.DirectoryLink("dir/loop", "..");

        var report = Check(output, FaultReport.Unreadable());

        // Followed, the loop would list dir/loop/dir/app and on until the path is too long.
        Assert.That(report.Files, Is.EqualTo(new[] { "dir/app" }));
    }

    // A dangling link is not part of what ships (OutputScanner drops it on purpose), so it is not reported.
    [Test]
    public void A_dangling_link_named_like_a_library_is_passed_over()
    {
        using var output = new FaultOutput("dangling");
        output.FileLink("libgone.so", "libnowhere.so.1");

        Check(output, FaultReport.Unreadable());
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void A_library_this_process_cannot_read_is_one_SL1010()
    {
        using var output = new FaultOutput("mode-000");
        output.Copy(TrueProgram, "libnoread.so");
        if (!output.MakeUnreadable("libnoread.so"))
        {
            Assert.Ignore("mode 000 does not stop this process reading (it runs as root or with CAP_DAC_OVERRIDE): no unreadable file can be made here");
        }

        Check(output, FaultReport.Unreadable("libnoread.so"));
    }

    [Test]
    // Was a bug: .NET decodes the name to lib\uFFFD.so, whose attributes are -1 (every bit, ReparsePoint too), so the
    // walker took it for a dangling link and the file silently left the check.
    public void A_library_whose_name_is_not_UTF8_is_one_SL1010()
    {
        using var output = new FaultOutput("non-utf8");
        output.CopyToRawName(TrueProgram, @"lib\377.so");

        Check(output, FaultReport.Unreadable("lib\uFFFD.so"));
    }

    [Test]
    public void A_truncated_ELF_library_is_one_SL1010()
    {
        using var output = new FaultOutput("truncated");
        output.Head(TrueProgram, "libtrunc.so", 100);

        Check(output, FaultReport.Unreadable("libtrunc.so"));
    }

    [Test]
    public void A_4_GB_sparse_library_is_one_SL1010_within_5_seconds()
    {
        using var output = new FaultOutput("sparse");
        output.Sparse("libbig.so", 4L << 30);

        var elapsed = Check(output, FaultReport.Unreadable("libbig.so"), out _);

        // Only the header is read: a reader that walked the file would take tens of seconds for 4 GiB of zeros.
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_directory_of_100000_small_files_is_checked_within_60_seconds_with_no_native_file()
    {
        using var output = new FaultOutput("many");
        output.ManySmallFiles("data", 100_000);

        var elapsed = Check(output, FaultReport.Unreadable(), out var run, TimeSpan.FromSeconds(90));

        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        Assert.That(run.Output, Does.StartWith("StaticLink: 0 native files of 100000 in "));
        Assert.That(FaultReport.Read(output.ReportPath).Files, Is.Empty);
    }

    private static FaultReport Check(FaultOutput output, string[] expectedFindings)
    {
        Check(output, expectedFindings, out _);
        return FaultReport.Read(output.ReportPath);
    }

    private static TimeSpan Check(FaultOutput output, string[] expectedFindings, out CliRun run, TimeSpan? limit = null)
    {
        var before = output.Snapshot();

        (var result, var elapsed) = Deadline.Run(
            "staticlink check",
            () => CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--report", output.ReportPath, output.Publish),
            limit ?? Deadline.Default);
        run = result;
        TestContext.Out.WriteLine($"staticlink check: {elapsed.TotalMilliseconds:F0} ms");

        var text = result.Output + result.Error;
        FaultAssertions.NoStackTrace(text);
        var findings = result.Output.Split('\n').Where(line => line.Contains(": error SL", StringComparison.Ordinal) || line.Contains(": warning SL", StringComparison.Ordinal)).ToArray();
        var expectedLines = expectedFindings.Select(finding => finding.Split(' ', 2)).Select(parts => $"{parts[1]}: error {parts[0]}: ").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(findings, Has.Length.EqualTo(expectedLines.Length), text);
            Assert.That(expectedLines.All(expected => findings.Count(line => line.StartsWith(expected, StringComparison.Ordinal)) == 1), Is.True, text);
            Assert.That(result.ExitCode, Is.EqualTo(expectedFindings.Length == 0 ? 0 : 1), text);
            Assert.That(FaultReport.Read(output.ReportPath).Findings, Is.EquivalentTo(expectedFindings));
            Assert.That(output.Snapshot(), Is.EqualTo(before), "the check changed the output");
        });
        return elapsed;
    }
}
