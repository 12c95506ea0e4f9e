using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

/// <summary>The mapping of findings onto MSBuild's log, severity by severity, independent of the engine.</summary>
public sealed class FindingLoggerTests
{
    private const string Root = "/publish/app";
    private const string Project = "/projects/app/app.csproj";

    private RecordingBuildEngine _engine = null!;
    private FindingLogger _logger = null!;

    [SetUp]
    public void CreateLogger()
    {
        _engine = new RecordingBuildEngine();
        var task = new StaticLinkCheck { BuildEngine = _engine };
        _logger = new FindingLogger(new TaskLoggingHelper(task), Root, "https://docs.example/d/", Project);
    }

    [Test]
    public void An_error_finding_is_an_MSBuild_error_with_code_keyword_link_and_the_files_full_path()
    {
        _logger.Log(new Finding("SL1001", FindingSeverity.Error, "runtimes/libfoo.so", "libfoo.so needs libbar.so.1"));

        var error = _engine.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("SL1001"));
            Assert.That(error.HelpKeyword, Is.EqualTo("SL1001"));
            Assert.That(error.HelpLink, Is.EqualTo("https://docs.example/d/SL1001.md"));
            Assert.That(error.File, Is.EqualTo(Path.Combine(Root, "runtimes", "libfoo.so")));
            Assert.That(error.Message, Is.EqualTo("libfoo.so needs libbar.so.1"));
            Assert.That(_engine.Warnings, Is.Empty);
        });
    }

    [Test]
    public void A_finding_inside_a_single_file_bundle_points_at_the_bundle_host_on_disk()
    {
        _logger.Log(new Finding("SL1001", FindingSeverity.Error, "app!/libe_sqlite3.so", "libe_sqlite3.so needs libz.so.1"));

        var error = _engine.Errors.Single();
        Assert.That(error.File, Is.EqualTo(Path.Combine(Root, "app")));
        Assert.That(error.Message, Is.EqualTo("libe_sqlite3.so needs libz.so.1"));
    }

    [Test]
    public void A_warning_finding_is_an_MSBuild_warning()
    {
        _logger.Log(new Finding("SL2003", FindingSeverity.Warning, "libfoo.so", "absolute RUNPATH"));

        var warning = _engine.Warnings.Single();
        Assert.That(warning.Code, Is.EqualTo("SL2003"));
        Assert.That(warning.HelpLink, Is.EqualTo("https://docs.example/d/SL2003.md"));
        Assert.That(_engine.Errors, Is.Empty);
    }

    [Test]
    public void An_information_finding_is_a_normal_importance_message_with_its_code()
    {
        _logger.Log(new Finding("SL3001", FindingSeverity.Info, "libfoo.so", "for your information"));

        var message = _engine.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo("SL3001"));
            Assert.That(message.Importance, Is.EqualTo(MessageImportance.Normal));
            Assert.That(message.File, Is.EqualTo(Path.Combine(Root, "libfoo.so")));
            Assert.That(_engine.Errors, Is.Empty);
            Assert.That(_engine.Warnings, Is.Empty);
        });
    }

    [Test]
    public void A_finding_without_a_file_points_at_the_project()
    {
        _logger.Log(new Finding("SL1007", FindingSeverity.Error, null, "bad setting"));

        Assert.That(_engine.Errors.Single().File, Is.EqualTo(Project));
    }

    [Test]
    public void Braces_in_a_message_are_text_not_a_format_string()
    {
        _logger.Log(new Finding("SL1001", FindingSeverity.Error, "lib{0}.so", "lib{0}.so needs {libz}.so.1"));

        Assert.That(_engine.Errors.Single().Message, Is.EqualTo("lib{0}.so needs {libz}.so.1"));
    }
}
