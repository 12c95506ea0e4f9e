using System;
using System.Linq;
using StaticLink.Tests.Shared;

namespace StaticLink.Cli.Tests;

/// <summary>The fault matrix (<see cref="FaultMatrixCases"/>) through <c>staticlink check</c>, in process.</summary>
[TestFixture]
public sealed class FaultMatrixTests : FaultMatrixCases
{
    protected override TimeSpan Check(FaultOutput output, string[] expectedFindings, TimeSpan limit, out string summary)
    {
        var before = output.Snapshot();

        (var result, var elapsed) = Deadline.Run(
            "staticlink check",
            () => CliRun.Of("check", "--rid", "linux-x64", "--target", "debian.12", "--report", output.ReportPath, output.Publish),
            limit);
        summary = result.Output;
        TestContext.Out.WriteLine($"staticlink check: {elapsed.TotalMilliseconds:F0} ms");

        var text = result.Output + result.Error;
        FaultAssertions.NoStackTrace(text);
        var findings = result.Output.Split('\n').Where(line => line.Contains(": error SL", StringComparison.Ordinal) || line.Contains(": warning SL", StringComparison.Ordinal)).ToArray();
        var expectedLines = expectedFindings.Select(finding => finding.Split(' ', 2)).Select(parts => $"{parts[1]}: error {parts[0]}: ").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(findings, Has.Length.EqualTo(expectedLines.Length), text);
            Assert.That(expectedLines.All(expected => findings.Count(line => line.StartsWith(expected, StringComparison.Ordinal)) == 1), Is.True, text);
            Assert.That(result.ExitCode, Is.EqualTo(expectedFindings.Length == 0 ? 0 : 1), text);
            Assert.That(FaultReport.Read(output.ReportPath).Findings, Is.EquivalentTo(expectedFindings));
            Assert.That(output.Snapshot(), Is.EqualTo(before), "the check changed the output");
        });
        return elapsed;
    }
}
