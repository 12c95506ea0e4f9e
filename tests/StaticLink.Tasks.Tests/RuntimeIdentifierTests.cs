using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

/// <summary>The task checks every RID the engine's parser accepts, distribution RIDs included, and skips the rest.</summary>
public sealed class RuntimeIdentifierTests
{
    private PublishDirectory _output = null!;

    [SetUp]
    public void CreateOutput() => _output = new PublishDirectory();

    [TearDown]
    public void DeleteOutput() => _output.Dispose();

    [TestCase("win-x64")]
    [TestCase("osx-arm64")]
    [TestCase("linux-bionic-arm64")]
    [TestCase("freebsd-x64")]
    public void A_publish_for_another_system_is_skipped_with_the_reason(string rid)
    {
        // A glibc file that would fail a musl check: skipped means not looked at.
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, rid);

        run.AssertPassed();
        Assert.That(run.Engine.Messages.Select(message => message.Message), Has.Some.Contains(rid + " is").And.Some.Contains("not checked"), run.Engine.Transcript());
        Assert.That(run.Engine.Warnings, Is.Empty, run.Engine.Transcript());
    }

    [TestCase("alpine.3.18-x64")]
    [TestCase("linux-musl-x64")]
    public void A_musl_distribution_rid_is_checked_like_linux_musl(string rid)
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, rid);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.LibcMismatch).Message, Does.Contain("is built for glibc"));
    }

    [Test]
    public void A_glibc_distribution_rid_is_checked_like_linux()
    {
        _output.Copy(NativeBinaries.MuslExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "ubuntu.22.04-x64");

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.LibcMismatch).Message, Does.Contain("is built for musl"));
    }
}
