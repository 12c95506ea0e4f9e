using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using StaticLink.Tests.Shared;
using Microsoft.Build.Framework;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// The task run through the engine process (the program of src/StaticLink.EngineProcess, built beside the tests as an
/// ordinary program of the same code) logs exactly what the same task logs in MSBuild's process, writes the same
/// report and the same stamp; and a program that cannot answer leaves the check to MSBuild's process.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EngineProcessTests
{
    private const string CheckedByEngine = "StaticLink: checked by the engine process ";

    private static readonly string EngineProgram = Path.Combine(AppContext.BaseDirectory, "staticlink-engine");

    /// <summary>A program that does not exist: the task checks in its own process, with every parameter as in the other run.</summary>
    private static readonly string NoProgram = Path.Combine(AppContext.BaseDirectory, "no-such-engine");

    private string _work = null!;

    [SetUp]
    public void CreateWork()
    {
        _work = Path.Combine(Path.GetTempPath(), "staticlink-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void DeleteWork() => Directory.Delete(_work, recursive: true);

    /// <summary>Outputs and settings whose diagnostics differ in kind: warnings, errors, bad settings, a skipped RID.</summary>
    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return new TestCaseData("SL2005 warning", NativeBinaries.GlibcExecutable, "linux-x64", (Action<StaticLinkCheck>)(_ => { }));
        yield return new TestCaseData("SL1001 error", NativeBinaries.GlibcLibraryNeedingZlib, "linux-x64", (Action<StaticLinkCheck>)(task => task.Policy = "glibc-portable"));
        yield return new TestCaseData("SL1002 error", NativeBinaries.GlibcLibraryNeedingZlib, "linux-musl-x64", (Action<StaticLinkCheck>)(_ => { }));
        yield return new TestCaseData("SL1007 bad setting", NativeBinaries.GlibcExecutable, "linux-x64", (Action<StaticLinkCheck>)(task => task.SummaryImportance = "loud"));
        yield return new TestCaseData("an item with metadata", NativeBinaries.GlibcLibraryNeedingZlib, "linux-x64", (Action<StaticLinkCheck>)(task =>
        {
            task.Policy = "glibc-portable";
            task.Allow = [TaskRun.Item("libz.so.*", "Reason", "zlib comes from the base image\tand\nthe reason has\\odd characters")];
            // %25 is MSBuild's escape of '%': the task reads "100%41 sure", which must not become "100A sure".
            task.Deny = [TaskRun.Item("libz.so.%2541", "Reason", "we are 100%2541 sure")];
        }));
        yield return new TestCaseData("a RID of another system", NativeBinaries.GlibcExecutable, "win-x64", (Action<StaticLinkCheck>)(_ => { }));
    }

    [TestCaseSource(nameof(Scenarios))]
    public void The_engine_process_logs_what_MSBuilds_process_logs(string scenario, string binary, string runtimeIdentifier, Action<StaticLinkCheck> configure)
    {
        using var output = new PublishDirectory();
        output.Copy(binary, Path.GetFileName(binary));

        var here = Run(output, runtimeIdentifier, "here", task => { configure(task); task.EngineProcessProgram = NoProgram; });
        var there = Run(output, runtimeIdentifier, "there", task => { configure(task); task.EngineProcessProgram = EngineProgram; });

        Assert.Multiple(() =>
        {
            Assert.That(there.Engine.Transcript(), Does.Contain(CheckedByEngine + EngineProgram), "the engine process checked");
            Assert.That(Events(there.Engine, "there"), Is.EqualTo(Events(here.Engine, "here")), scenario);
            Assert.That(there.Result, Is.EqualTo(here.Result));
            Assert.That(there.Task.HasErrors, Is.EqualTo(here.Task.HasErrors));
            Assert.That(there.Task.ReportFile.Replace("there", "here", StringComparison.Ordinal), Is.EqualTo(here.Task.ReportFile));
            if (here.Task.ReportFile.Length > 0)
            {
                Assert.That(File.ReadAllText(there.Task.ReportFile), Is.EqualTo(File.ReadAllText(here.Task.ReportFile)));
            }

            Assert.That(File.Exists(StampFile("there")), Is.EqualTo(File.Exists(StampFile("here"))), "a stamp where MSBuild's process keeps one");
            if (File.Exists(StampFile("here")))
            {
                Assert.That(File.ReadAllText(StampFile("there")).Replace("there", "here", StringComparison.Ordinal), Is.EqualTo(File.ReadAllText(StampFile("here"))));
            }
        });
    }

    [Test]
    public void A_stamp_the_engine_process_wrote_is_answered_here_while_it_matches_and_hands_the_check_back_once_it_does_not()
    {
        using var output = PassingOutput();

        var first = Run(output, "linux-musl-x64", "there", task => task.EngineProcessProgram = EngineProgram);
        var unchanged = Run(output, "linux-musl-x64", "there", task => task.EngineProcessProgram = EngineProgram);
        output.Copy(NativeBinaries.MuslExecutable, "second-app");
        var changed = Run(output, "linux-musl-x64", "there", task => task.EngineProcessProgram = EngineProgram);

        first.AssertPassed();
        unchanged.AssertPassed();
        Assert.Multiple(() =>
        {
            Assert.That(first.Engine.Transcript(), Does.Contain(CheckedByEngine), "no stamp yet: the engine process checks");
            Assert.That(first.Engine.Warnings, Is.Empty, "a check without warnings is stamped by the engine process itself:\n" + first.Engine.Transcript());
            Assert.That(unchanged.Engine.Transcript(), Does.Contain("StaticLink: up to date").And.Not.Contain(CheckedByEngine), "answered without starting the process");
            Assert.That(File.Exists(StampFile("there")), Is.True);
            Assert.That(unchanged.Task.ReportFile, Is.EqualTo(ReportFile("there")));
            Assert.That(changed.Engine.Transcript(), Does.Contain(CheckedByEngine).And.Contain("second-app").And.Not.Contain("StaticLink: up to date"));
            Assert.That(changed.Engine.Messages.Count(message => message.Message?.Contains(" checked against ", StringComparison.Ordinal) == true), Is.EqualTo(1), "one check, not two:\n" + changed.Engine.Transcript());
        });
    }

    [Test]
    public void A_warning_that_MSBuild_turns_into_an_error_leaves_no_stamp()
    {
        using var output = new PublishDirectory();
        output.Copy(NativeBinaries.GlibcExecutable, "app");

        var asWarning = Run(output, "linux-x64", "warning", task => task.EngineProcessProgram = EngineProgram);
        var asError = Run(output, "linux-x64", "error", task => task.EngineProcessProgram = EngineProgram, "SL2005");

        Assert.Multiple(() =>
        {
            Assert.That(asWarning.Engine.WarningCodes, Does.Contain("SL2005"), asWarning.Engine.Transcript());
            Assert.That(File.Exists(StampFile("warning")), Is.True, "a warning is stamped by the task in MSBuild");
            Assert.That(asError.Engine.ErrorCodes, Does.Contain("SL2005"), asError.Engine.Transcript());
            Assert.That(asError.Result, Is.False);
            Assert.That(File.Exists(StampFile("error")), Is.False, "an error leaves no stamp, so the next publish fails again");
        });
    }

    /// <summary>Programs that give no complete answer: each leaves nothing logged but why, and MSBuild's process checks.</summary>
    private static IEnumerable<TestCaseData> BrokenPrograms()
    {
        yield return new TestCaseData("exits 1 without a word", "#!/bin/sh\nexit 1\n", "it exited with code 1 before it finished");
        yield return new TestCaseData("crashes with a report", "#!/bin/sh\necho 'Unhandled exception.' >&2\nexit 134\n", "it exited with code 134 before it finished: Unhandled exception.");
        yield return new TestCaseData("answers half", "#!/bin/sh\ncat >/dev/null\nprintf 'E\\t\\\\0\\tSL1001\\tSL1001\\t\\\\0\\t/x\\t0\\t0\\t0\\t0\\tmessage\\n'\n", "it exited with code 0 before it finished");
        yield return new TestCaseData("reports a failure", "#!/bin/sh\ncat >/dev/null\nprintf 'F\\tIOException: the disk is gone\\n'\nexit 70\n", "IOException: the disk is gone");
        yield return new TestCaseData("is not executable", null, "Permission denied");
    }

    [TestCaseSource(nameof(BrokenPrograms))]
    public void A_program_without_a_complete_answer_leaves_the_check_to_MSBuilds_process(string what, string? script, string reason)
    {
        using var output = PassingOutput();
        var program = Path.Combine(_work, "broken-engine");
        File.WriteAllText(program, script ?? "not a program");
        if (script is not null)
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var here = Run(output, "linux-musl-x64", "here", task => task.EngineProcessProgram = NoProgram);
        var fallback = Run(output, "linux-musl-x64", "fallback", task => task.EngineProcessProgram = program);

        var said = fallback.Engine.Messages.Select(message => message.Message ?? string.Empty).Where(message => message.Contains("did not check the output", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(said, Has.Count.EqualTo(1), fallback.Engine.Transcript());
            Assert.That(said.FirstOrDefault(), Does.StartWith($"StaticLink: the engine process {program} did not check the output (").And.Contain(reason).And.EndWith("), so MSBuild's process checks it."), what);
            Assert.That(Events(fallback.Engine, "fallback").Where(line => !line.Contains("did not check the output", StringComparison.Ordinal)), Is.EqualTo(Events(here.Engine, "here")), "nothing of the broken answer is logged");
            Assert.That(fallback.Engine.Transcript(), Does.Contain(" checked against "), "MSBuild's process checked");
            Assert.That(fallback.Engine.Errors, Is.Empty, "not even the error of the half answer");
            Assert.That(fallback.Result, Is.True);
        });
    }

    [Test]
    public void A_canceled_build_stops_the_engine_process_and_its_children_and_checks_nowhere_else()
    {
        using var output = new PublishDirectory();
        output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libneedszlib.so");
        var program = Path.Combine(_work, "slow-engine");
        // The sleep is a child of the shell and holds the answer's pipe open: only stopping the whole tree ends the read.
        File.WriteAllText(program, "#!/bin/sh\nsleep 60\necho never\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var engine = new RecordingBuildEngine();
        var task = new StaticLinkCheck { BuildEngine = engine, PublishDirectory = output.Path, RuntimeIdentifier = "linux-x64", Policy = "glibc-portable", EngineProcessProgram = program };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = System.Threading.Tasks.Task.Run(task.Execute);
        Thread.Sleep(500);
        task.Cancel();
        var ended = run.Wait(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(ended, Is.True, "the task did not stop");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
            Assert.That(run.Result, Is.False);
            Assert.That(engine.Transcript(), Does.Contain("StaticLink: the build was canceled, so the check stopped."));
            Assert.That(engine.Errors, Is.Empty, "no check ran: " + engine.Transcript());
        });
    }

    [Test]
    public void Without_the_packaged_program_the_task_checks_in_MSBuilds_process()
    {
        // The tests' task assembly has no tasks/engine/ beside it, as a package packed on another system would not.
        using var output = PassingOutput();

        var run = Run(output, "linux-musl-x64", "here", _ => { });

        run.AssertPassed();
        Assert.That(run.Engine.Transcript(), Does.Not.Contain("engine process"));
    }

    /// <summary>
    /// An output that passes, and is proven to: a static musl program, which starts with no library at all, here as on
    /// any musl target (the test runs it).
    /// </summary>
    private static PublishDirectory PassingOutput()
    {
        var output = new PublishDirectory();
        output.Copy(NativeBinaries.MuslStaticExecutable, "app");
        var app = ExternalTool.Run(output.FullPathOf("app"), []);
        Assert.That((app.ExitCode, app.StandardOutput), Is.EqualTo((0, "hello\n")), app.Describe());
        return output;
    }

    private TaskRun Run(PublishDirectory output, string runtimeIdentifier, string name, Action<StaticLinkCheck> configure, params string[] warningsAsErrors) =>
        TaskRun.Execute(output.Path, runtimeIdentifier, task =>
        {
            ((RecordingBuildEngine)task.BuildEngine).WarningsAsErrors.UnionWith(warningsAsErrors);
            task.ReportPath = ReportFile(name);
            task.StampFile = StampFile(name);
            configure(task);
        });

    private string ReportFile(string name) => Path.Combine(_work, name, "report.json");

    private string StampFile(string name) => Path.Combine(_work, name, "check.stamp");

    /// <summary>Every event with every field MSBuild shows, in order, with this run's folder name made neutral.</summary>
    private static List<string> Events(RecordingBuildEngine engine, string name)
    {
        string Neutral(string? text) => (text ?? "(null)").Replace(Path.DirectorySeparatorChar + name + Path.DirectorySeparatorChar, "/run/", StringComparison.Ordinal);
        string Place(string? subcategory, string? code, string? keyword, string? file, int line, int column, int endLine, int endColumn) =>
            $"{Neutral(subcategory)}|{Neutral(code)}|{Neutral(keyword)}|{Neutral(file)}|{line},{column},{endLine},{endColumn}";

        return engine.Errors.Select(e => "error " + Place(e.Subcategory, e.Code, e.HelpKeyword, e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber) + "|" + Neutral(e.HelpLink) + "|" + Neutral(e.Message))
            .Concat(engine.Warnings.Select(w => "warning " + Place(w.Subcategory, w.Code, w.HelpKeyword, w.File, w.LineNumber, w.ColumnNumber, w.EndLineNumber, w.EndColumnNumber) + "|" + Neutral(w.HelpLink) + "|" + Neutral(w.Message)))
            .Concat(engine.Messages
                .Where(m => m.Message is null || !m.Message.StartsWith(CheckedByEngine, StringComparison.Ordinal))
                .Select(m => "message " + m.Importance + " " + Place(m.Subcategory, m.Code, m.HelpKeyword, m.File, m.LineNumber, m.ColumnNumber, m.EndLineNumber, m.EndColumnNumber) + "|" + Neutral(m.Message)))
            .ToList();
    }
}
