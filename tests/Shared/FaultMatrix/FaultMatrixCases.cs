using System;
using System.Runtime.Versioning;

namespace StaticLink.Tests.Shared;

/// <summary>
/// The fault matrix, once for every front end: outputs holding one broken or special file each. A check never hangs,
/// never prints a stack trace, reports SL1010 exactly once for a file named like a library that cannot be read as ELF
/// and nothing for other names, always writes its JSON report, and leaves the output as it was. Each front end's
/// fixture says how it runs a check and what it asserts of its own output (<see cref="Check(FaultOutput, string[], TimeSpan, out string)"/>).
/// </summary>
public abstract class FaultMatrixCases
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

        var elapsed = Check(output, FaultReport.Unreadable("libbig.so"), Deadline.Default, out _);

        // Only the header is read: a reader that walked the file would take tens of seconds for 4 GiB of zeros.
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_directory_of_100000_small_files_is_checked_within_60_seconds_with_no_native_file()
    {
        using var output = new FaultOutput("many");
        output.ManySmallFiles("data", 100_000);

        var elapsed = Check(output, FaultReport.Unreadable(), TimeSpan.FromSeconds(90), out var summary);

        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        Assert.That(summary, Does.StartWith("StaticLink: 0 native files of 100000 in "));
        Assert.That(FaultReport.Read(output.ReportPath).Files, Is.Empty);
    }

    /// <summary>Checks the output within <paramref name="limit"/>, asserting the findings, the report and an untouched output.</summary>
    /// <param name="summary">The front end's summary text, starting with "StaticLink: N native files of M in ...".</param>
    /// <returns>How long the check took.</returns>
    protected abstract TimeSpan Check(FaultOutput output, string[] expectedFindings, TimeSpan limit, out string summary);

    private FaultReport Check(FaultOutput output, string[] expectedFindings)
    {
        Check(output, expectedFindings, Deadline.Default, out _);
        return FaultReport.Read(output.ReportPath);
    }
}
