using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// A build engine that keeps every event the task logs, for the tests to read back. It answers as MSBuild does whether
/// a warning code is to be an error (<see cref="WarningsAsErrors"/>, MSBuild's WarningsAsErrors); the rest of
/// <see cref="IBuildEngine8"/> is never called by the task.
/// </summary>
internal sealed class RecordingBuildEngine : IBuildEngine8
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    /// <summary>The warning codes MSBuild turns into errors.</summary>
    public HashSet<string> WarningsAsErrors { get; } = [];

    public bool ContinueOnError => false;

    public bool IsRunningMultipleNodes => false;

    public bool AllowFailureWithoutError { get; set; }

    public bool ShouldTreatWarningAsError(string warningCode) => WarningsAsErrors.Contains(warningCode);

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "/projects/app/app.csproj";

    public IEnumerable<string> ErrorCodes => Errors.Select(error => error.Code);

    public IEnumerable<string> WarningCodes => Warnings.Select(warning => warning.Code);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => false;

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => false;

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => new(false, []);

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection)
    {
    }

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => null;

    public void LogTelemetry(string eventName, IDictionary<string, string> properties)
    {
    }

    public IReadOnlyDictionary<string, string> GetGlobalProperties() => new Dictionary<string, string>();

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
