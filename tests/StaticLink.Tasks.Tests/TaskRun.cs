using System;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace StaticLink.Tasks.Tests;

/// <summary>One execution of the task against a mock build engine: its result, outputs and everything it logged.</summary>
internal sealed class TaskRun
{
    public const string HelpLinkBase = "https://docs.example/diagnostics/";

    private TaskRun(bool result, StaticLinkCheck task, RecordingBuildEngine engine)
    {
        Result = result;
        Task = task;
        Engine = engine;
    }

    public bool Result { get; }

    public StaticLinkCheck Task { get; }

    public RecordingBuildEngine Engine { get; }

    public static TaskRun Execute(string publishDirectory, string runtimeIdentifier, Action<StaticLinkCheck>? configure = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new StaticLinkCheck
        {
            BuildEngine = engine,
            PublishDirectory = publishDirectory,
            RuntimeIdentifier = runtimeIdentifier,
            HelpLinkBase = HelpLinkBase,
        };
        configure?.Invoke(task);
        var result = task.Execute();
        return new TaskRun(result, task, engine);
    }

    public static ITaskItem[] Items(params string[] specs) => specs.Select(spec => (ITaskItem)new TaskItem(spec)).ToArray();

    public static ITaskItem Item(string spec, string metadataName, string metadataValue)
    {
        var item = new TaskItem(spec);
        item.SetMetadata(metadataName, metadataValue);
        return item;
    }

    public BuildErrorEventArgs SingleError(string code)
    {
        var matches = Engine.Errors.Where(error => error.Code == code).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one {code}; the task logged:\n{Engine.Transcript()}");
        return matches[0];
    }

    public BuildWarningEventArgs SingleWarning(string code)
    {
        var matches = Engine.Warnings.Where(warning => warning.Code == code).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one {code}; the task logged:\n{Engine.Transcript()}");
        return matches[0];
    }

    /// <summary>The one information message (a finding logged as a message, not a warning) with this code.</summary>
    public BuildMessageEventArgs SingleMessage(string code)
    {
        var matches = Engine.Messages.Where(message => message.Code == code).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one {code} message; the task logged:\n{Engine.Transcript()}");
        return matches[0];
    }

    public void AssertPassed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Engine.Errors, Is.Empty, Engine.Transcript());
            Assert.That(Result, Is.True, Engine.Transcript());
            Assert.That(Task.HasErrors, Is.False);
        });
    }

    public void AssertFailed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Engine.Errors, Is.Not.Empty, Engine.Transcript());
            Assert.That(Result, Is.False, Engine.Transcript());
            Assert.That(Task.HasErrors, Is.True);
        });
    }

    /// <summary>The summary table, logged as one message that starts with "StaticLink:".</summary>
    public string Summary()
    {
        var summary = Engine.Messages.Select(message => message.Message ?? string.Empty)
            .FirstOrDefault(message => message.StartsWith("StaticLink:", StringComparison.Ordinal) && message.Contains('\n', StringComparison.Ordinal));
        Assert.That(summary, Is.Not.Null, $"no summary table; the task logged:\n{Engine.Transcript()}");
        return summary!;
    }
}
