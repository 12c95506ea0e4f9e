using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// The incremental check: a second run with nothing changed is skipped, and every kind of change that can change the
/// verdict runs it again. "Checked" is told from the verdict line, which only a scan logs.
/// </summary>
public sealed class CheckStampTests
{
    private const string UpToDate = "StaticLink: up to date";
    private const string Checked = " checked against ";

    private PublishDirectory _output = null!;
    private string _work = null!;

    [SetUp]
    public void CreateOutput()
    {
        _output = new PublishDirectory();
        _output.Copy(NativeBinaries.GlibcExecutable, "app");
        _work = Path.Combine(Path.GetTempPath(), "staticlink-stamp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void DeleteOutput()
    {
        _output.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private string StampFile => Path.Combine(_work, "staticlink", "check.stamp");

    private string ReportFile => Path.Combine(_work, "staticlink", "report.json");

    [Test]
    public void A_second_run_with_nothing_changed_is_skipped_and_names_the_report()
    {
        var first = Run();
        var second = Run();

        first.AssertPassed();
        second.AssertPassed();
        Assert.Multiple(() =>
        {
            Assert.That(first.Engine.Transcript(), Does.Contain(Checked).And.Not.Contain(UpToDate));
            Assert.That(File.ReadAllText(StampFile), Does.StartWith("StaticLink check stamp").And.Contain("file=app|"));
            Assert.That(second.Engine.Transcript(), Does.Contain(UpToDate + ", the publish output and the settings are unchanged since the last successful check. Report: " + ReportFile));
            Assert.That(second.Engine.Transcript(), Does.Not.Contain(Checked), "no scan, so no verdict line");
            Assert.That(second.Engine.Warnings, Is.Empty, "findings are not logged again");
            Assert.That(second.Task.ReportFile, Is.EqualTo(ReportFile));
        });
    }

    [Test]
    public void A_file_replaced_by_an_older_copy_of_the_same_length_is_checked_again()
    {
        Run().AssertPassed();
        File.SetLastWriteTimeUtc(_output.FullPathOf("app"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        AssertChecked(Run());
    }

    [Test]
    public void An_added_file_is_checked()
    {
        Run().AssertPassed();
        _output.Copy(NativeBinaries.MuslExecutable, "tools/helper");

        var run = Run();

        AssertChecked(run);
        Assert.That(run.Engine.Transcript(), Does.Contain("2 native files" + Checked));
    }

    [Test]
    public void A_changed_setting_is_checked_again()
    {
        Run().AssertPassed();

        var run = Run(task => task.MaxGlibcVersion = "2.17");

        AssertChecked(run);
        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.SymbolVersionTooNew).Message, Does.Contain("GLIBC_2.34"));
    }

    [Test]
    public void A_changed_reason_on_an_item_is_checked_again()
    {
        Run(task => task.Allow = [TaskRun.Item("libz.so.1", "Reason", "in our base image")]).AssertPassed();

        AssertChecked(Run(task => task.Allow = [TaskRun.Item("libz.so.1", "Reason", "in every base image")]));
    }

    [Test]
    public void A_changed_rules_file_is_checked_again()
    {
        var rules = Path.Combine(_work, "staticlink.json");
        File.WriteAllText(rules, "{ \"allow\": [\"libz.so.1\"] }");
        Run(task => task.RulesFile = rules).AssertPassed();
        File.WriteAllText(rules, "{ \"maxVersions\": { \"GLIBC\": \"2.17\" } }");

        var run = Run(task => task.RulesFile = rules);

        AssertChecked(run);
        run.AssertFailed();
    }

    [Test]
    public void A_failed_check_leaves_no_stamp_and_fails_again_with_its_findings()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libMonoPosixHelper.so");

        var first = Run(task => task.Policy = "glibc-portable");
        var second = Run(task => task.Policy = "glibc-portable");

        first.AssertFailed();
        second.AssertFailed();
        Assert.That(File.Exists(StampFile), Is.False);
        Assert.That(second.SingleError(DiagnosticCodes.UnexpectedLibrary).Message, Does.Contain("libz.so.1"));
    }

    [Test]
    public void A_deleted_report_is_written_again()
    {
        Run().AssertPassed();
        File.Delete(ReportFile);

        AssertChecked(Run());
        Assert.That(File.Exists(ReportFile), Is.True);
    }

    [Test]
    public void A_root_filesystem_target_is_always_checked_since_its_tree_is_not_fingerprinted()
    {
        var root = Path.Combine(_work, "rootfs");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "os-release"), "ID=debian\nVERSION_ID=\"12\"\n");

        Run(task => task.Targets = root);
        var second = Run(task => task.Targets = root);

        Assert.That(second.Engine.Transcript(), Does.Not.Contain(UpToDate));
        Assert.That(File.Exists(StampFile), Is.False);
    }

    [Test]
    public void Without_a_stamp_file_every_run_checks()
    {
        Run(task => task.StampFile = null).AssertPassed();

        AssertChecked(Run(task => task.StampFile = null));
    }

    [Test]
    public void A_stamp_that_cannot_be_written_does_not_fail_the_check()
    {
        var blocker = Path.Combine(_work, "not-a-directory");
        File.WriteAllText(blocker, "a file where the stamp's directory should be");

        var first = Run(task => task.StampFile = Path.Combine(blocker, "check.stamp"));
        var second = Run(task => task.StampFile = Path.Combine(blocker, "check.stamp"));

        first.AssertPassed();
        Assert.That(first.Engine.Transcript(), Does.Contain("could not be written, so the next publish checks again"));
        AssertChecked(second);
    }

    private TaskRun Run(Action<StaticLinkCheck>? configure = null) => TaskRun.Execute(_output.Path, "linux-x64", task =>
    {
        task.StampFile = StampFile;
        task.ReportPath = ReportFile;
        configure?.Invoke(task);
    });

    private static void AssertChecked(TaskRun run) => Assert.Multiple(() =>
    {
        Assert.That(run.Engine.Transcript(), Does.Not.Contain(UpToDate));
        Assert.That(run.Engine.Transcript(), Does.Contain(Checked));
    });
}
