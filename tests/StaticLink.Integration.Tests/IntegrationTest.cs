using System.Linq;
using NUnit.Framework.Interfaces;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>Shared assertions; a failed test keeps every scenario folder and binary log for inspection.</summary>
public abstract class IntegrationTest
{
    [TearDown]
    public void KeepLogsOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            PackageFeed.KeepWorkDirectory = true;
        }
    }

    private protected static void AssertSucceeded(CommandResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error"), Is.Empty, result.ToString());
    }

    /// <summary>A clean failure: exit code 1, StaticLink errors, and no crashed task or stack trace.</summary>
    private protected static void AssertFailedCleanly(CommandResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error"), Is.Not.Empty, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("MSB4018"), "the task crashed");
        Assert.That(result.Output, Does.Not.Contain("MSB4062"), "the task could not be loaded");
        Assert.That(result.Output, Does.Not.Match(@"\n\s+at StaticLink\."), "a stack trace escaped");
    }

    /// <summary>The information findings (severity info, logged as messages) with this code.</summary>
    private protected static MSBuildDiagnostic[] Infos(CommandResult result, string code) =>
        MSBuildDiagnostic.ParseAll(result.Output).Where(diagnostic => diagnostic.Kind == "message" && diagnostic.Code == code).ToArray();

    private protected static MSBuildDiagnostic[] Diagnostics(CommandResult result, string code) =>
        MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Code == code).ToArray();
}
