using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>Several targets: every one must pass, each finding names its target, and the summary names them all.</summary>
[TestFixture]
public sealed class MultipleTargetsTests
{
    [Test]
    public void A_program_built_here_passes_debian_12_and_fails_rhel_8_in_one_check()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");

        var report = PublishChecker.Check(new CheckOptions
        {
            Root = output.Path,
            RuntimeIdentifier = "linux-x64",
            Targets = ["debian.12", "rhel.8"],
            IsDotNetApp = false,
        });

        // gcc on Debian 12 binds __libc_start_main at GLIBC_2.34; RHEL 8's glibc is 2.28.
        var tooNew = report.Findings.Single(finding => finding.Code == DiagnosticCodes.SymbolVersionTooNew);
        Assert.That(tooNew.Target, Is.EqualTo("rhel.8"));
        Assert.That(tooNew.Message, Does.Contain("GLIBC_2.34 from libc.so.6, which libc.so.6 of rhel.8 (glibc 2.28) (its newest is GLIBC_2.28) does not define"));
        Assert.That(tooNew.Message, Does.Contain("__libc_start_main@GLIBC_2.34"));
        Assert.That(report.Targets.Select(target => target.Id), Is.EqualTo(new[] { "debian.12", "rhel.8" }));
        Assert.That(report.FileNamed("app").Verdict, Is.EqualTo(Verdict.Fail), "all targets must pass: the worst verdict wins");
        Assert.That(report.PolicyName, Is.EqualTo("debian.12, rhel.8"));
    }

    [Test]
    public void The_same_program_passes_two_targets_that_have_what_it_needs()
    {
        using var output = new OutputDirectory();
        NativeSamples.CopyTo(output.Path, "glibc-dynamic=>app");

        var report = PublishChecker.Check(new CheckOptions
        {
            Root = output.Path,
            RuntimeIdentifier = "linux-x64",
            Targets = ["debian.12", "ubuntu.24.04"],
            IsDotNetApp = false,
        });

        Assert.That(report.Findings.Where(finding => finding.Severity != FindingSeverity.Info), Is.Empty);
        Assert.That(report.FileNamed("app").Verdict, Is.EqualTo(Verdict.Pass));
    }
}
