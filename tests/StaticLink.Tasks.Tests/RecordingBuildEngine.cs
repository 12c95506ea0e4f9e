using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace StaticLink.Tasks.Tests;

/// <summary>A build engine that keeps every event the task logs, for the tests to read back.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "/projects/app/app.csproj";

    public IEnumerable<string> ErrorCodes => Errors.Select(error => error.Code);

    public IEnumerable<string> WarningCodes => Warnings.Select(warning => warning.Code);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    /// <summary>Every logged line, for assertion messages that show what the task said.</summary>
    public string Transcript() => string.Join(
        "\n",
        Errors.Select(error => $"error {error.Code}: {error.File}: {error.Message}")
            .Concat(Warnings.Select(warning => $"warning {warning.Code}: {warning.File}: {warning.Message}"))
            .Concat(Messages.Select(message => $"message {message.Importance}: {message.Message}")));
}
