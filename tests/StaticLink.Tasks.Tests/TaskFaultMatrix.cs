using System;
using System.Linq;
using StaticLink.Tests.Shared;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// The fault matrix (<see cref="FaultMatrixCases"/>) through the StaticLinkCheck task against the mock build engine, in
/// MSBuild's process (<see cref="FaultMatrixTests"/>) or in the engine process (<see cref="EngineProcessFaultMatrixTests"/>).
/// </summary>
public abstract class TaskFaultMatrix : FaultMatrixCases
{
    /// <summary>Settings of the task beyond the matrix's own; the engine process's fixture names its program here.</summary>
    protected virtual void Configure(StaticLinkCheck task)
    {
    }

    /// <summary>What else a run must show; the engine process's fixture asserts that the process checked.</summary>
    private protected virtual void AssertRan(TaskRun run)
    {
    }

    protected override TimeSpan Check(FaultOutput output, string[] expectedFindings, TimeSpan limit, out string summary)
    {
        var before = output.Snapshot();

        (var result, var elapsed) = Deadline.Run(
            "the StaticLinkCheck task",
            () => TaskRun.Execute(output.Publish, "linux-x64", task =>
            {
                task.Targets = "debian.12";
                task.ReportPath = output.ReportPath;
                Configure(task);
            }),
            limit);
        summary = result.Summary();
        TestContext.Out.WriteLine($"StaticLinkCheck: {elapsed.TotalMilliseconds:F0} ms");

        var transcript = result.Engine.Transcript();
        FaultAssertions.NoStackTrace(transcript);
        var logged = result.Engine.Errors.Select(error => $"{error.Code} {error.File}")
            .Concat(result.Engine.Warnings.Select(warning => $"{warning.Code} {warning.File}"));
        var expected = expectedFindings.Select(finding => finding.Split(' ', 2)).Select(parts => $"{parts[0]} {output.PathOf(parts[1])}");
        Assert.Multiple(() =>
        {
            Assert.That(logged, Is.EquivalentTo(expected), transcript);
            Assert.That(result.Result, Is.EqualTo(expectedFindings.Length == 0), transcript);
            Assert.That(FaultReport.Read(output.ReportPath).Findings, Is.EquivalentTo(expectedFindings));
            Assert.That(output.Snapshot(), Is.EqualTo(before), "the task changed the output");
            AssertRan(result);
        });
        return elapsed;
    }
}
