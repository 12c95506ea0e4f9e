using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StaticLink.Core.Policy;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// Files that are not regular files must never block the check: opening a FIFO to read waits for a writer forever.
/// Each test has its own deadline, so a hang fails the test instead of the run.
/// </summary>
[TestFixture]
public sealed class SpecialFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public void A_fifo_named_like_a_library_is_one_SL1010_and_the_check_ends()
    {
        using var output = new OutputDirectory();
        MakeFifo(output.File("libx.so"));
        MakeFifo(output.File("app.dll"));

        var check = Task.Run(() => PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64", Targets = ["debian.12"] }));

        Assert.That(check.Wait(Deadline), Is.True, "the check ended instead of blocking on the FIFO");
        var finding = check.Result.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.UnreadableFile));
        Assert.That(finding.File, Is.EqualTo("libx.so"));
        Assert.That(finding.Message, Does.Contain("not a regular file (a FIFO, socket or device)"));
    }

    private static void MakeFifo(string path)
    {
        var result = ExternalTool.Run("mkfifo", [path]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
    }
}
