using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

/// <summary>The task's CI outputs: the SARIF log at SarifPath, and the Markdown report appended to StepSummaryPath.</summary>
public sealed class CiReportsTaskTests
{
    private PublishDirectory _output = null!;

    [SetUp]
    public void CreateOutput() => _output = new PublishDirectory();

    [TearDown]
    public void DeleteOutput()
    {
        _output.Dispose();
        if (Directory.Exists(_output.Path + "-ci"))
        {
            Directory.Delete(_output.Path + "-ci", recursive: true);
        }
    }

    [Test]
    public void SarifPath_gets_the_log_with_help_links_under_HelpLinkBase_and_the_summary_is_appended()
    {
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libhelper.so");
        var sarif = Path.Combine(_output.Path + "-ci", "out", "staticlink.sarif");
        var summary = Path.Combine(_output.Path + "-ci", "summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(summary)!);
        File.WriteAllText(summary, "earlier\n");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task =>
        {
            task.Policy = "glibc-portable";
            task.SarifPath = sarif;
            task.StepSummaryPath = summary;
            task.ProjectFile = "/src/app/app.csproj";
        });

        run.AssertFailed();
        using var document = JsonDocument.Parse(File.ReadAllText(sarif));
        var runElement = document.RootElement.GetProperty("runs")[0];
        var result = runElement.GetProperty("results").EnumerateArray().Single(item => item.GetProperty("ruleId").GetString() == DiagnosticCodes.UnexpectedLibrary);
        Assert.That(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("libhelper.so"));
        var rule = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        Assert.That(rule.GetProperty("helpUri").GetString(), Is.EqualTo(TaskRun.HelpLinkBase + "SL1001.md"));

        var markdown = File.ReadAllText(summary);
        Assert.That(markdown, Does.StartWith("earlier\n### StaticLink: app (linux-x64) ❌ FAILED\n"));
        Assert.That(markdown, Does.Contain("| libhelper.so | the app | dynamic | glibc | libz.so.1 (missing)"));
        Assert.That(run.Engine.Messages.Select(message => message.Message), Has.Some.Contains(sarif));
    }

    [Test]
    public void An_unwritable_SarifPath_is_SL1007_naming_the_property()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64", task => task.SarifPath = Path.Combine(_output.FullPathOf("app"), "x.sarif"));

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("StaticLinkSarifPath"));
    }

    [Test]
    public void Without_the_paths_nothing_is_written_beside_the_output()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = TaskRun.Execute(_output.Path, "linux-x64");

        run.AssertPassed();
        Assert.That(Directory.GetFiles(_output.Path), Is.EqualTo(new[] { _output.FullPathOf("app") }));
    }
}
