using System;
using System.IO;

namespace StaticLink.Tasks.Tests;

/// <summary>The fault matrix through the task when the engine process checks: the same findings, no hang, no stack trace.</summary>
[TestFixture]
public sealed class EngineProcessFaultMatrixTests : TaskFaultMatrix
{
    private static readonly string EngineProgram = Path.Combine(AppContext.BaseDirectory, "staticlink-engine");

    protected override void Configure(StaticLinkCheck task) => task.EngineProcessProgram = EngineProgram;

    private protected override void AssertRan(TaskRun run) =>
        Assert.That(run.Engine.Transcript(), Does.Contain("StaticLink: checked by the engine process " + EngineProgram));
}
