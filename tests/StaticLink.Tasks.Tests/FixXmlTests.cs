using System.Linq;
using Microsoft.Build.Utilities;
using StaticLink.Core.Policy;
using StaticLink.Tests.Shared.MessageCorpus;

namespace StaticLink.Tasks.Tests;

/// <summary>The task writes each finding's fix as MSBuild XML after the message.</summary>
public sealed class FixXmlTests
{
    [Test]
    public void Each_logged_finding_ends_with_its_fix_in_MSBuild_terms()
    {
        var engine = new RecordingBuildEngine();
        var logger = new FindingLogger(new TaskLoggingHelper(new StaticLinkCheck { BuildEngine = engine }), "/output", null, "/p/app.csproj");
        var findings = MessageCorpus.Findings();
        foreach (var finding in findings)
        {
            logger.Log(finding);
        }

        var logged = engine.Errors.Select(error => error.Message).Concat(engine.Warnings.Select(warning => warning.Message)).Concat(engine.Messages.Select(message => message.Message)).ToList();
        Assert.Multiple(() =>
        {
            foreach (var finding in findings)
            {
                var line = logged.Single(message => message!.StartsWith(finding.Message, System.StringComparison.Ordinal) && message.Length > finding.Message.Length);
                foreach (var step in finding.Fix!.Steps)
                {
                    Assert.That(line, Does.Contain(Expected(step)), line);
                }
            }
        });
    }

    [Test]
    public void Each_kind_is_written_as_the_item_or_property_the_package_reads()
    {
        var fix = new FindingFix(
            FixStep.AllowLibrary("Allow it with ", "libz.so.1"),
            FixStep.AllowLibrary("Or ", "openssl", "libssl.so.*"),
            FixStep.IgnoreFile("Ignore it with ", "lib/a&b.so", "no LTTng"),
            FixStep.RaiseVersionLimit("Raise it with ", "GLIBC", "2.34"),
            FixStep.RaiseVersionLimit("Raise it with ", "GLIBCXX", "3.4.30"),
            FixStep.UseTarget("Name it with ", "debian.12"),
            FixStep.SetProperty("Set ", "InvariantGlobalization", "true"),
            FixStep.SetEnvironmentVariable("Set ", "LD_LIBRARY_PATH", "/app"),
            FixStep.LinkStatically("Link with ", "linux-musl-x64"));

        Assert.That(FixXml.Text(fix), Is.EqualTo(
            "Allow it with <StaticLinkAllow Include=\"libz.so.1\" />. "
            + "Or <StaticLinkAllow Include=\"openssl\" Pattern=\"libssl.so.*\" Reason=\"...\" /> (a glob goes in Pattern: MSBuild would expand a * in Include against the project folder). "
            + "Ignore it with <StaticLinkIgnore Include=\"lib/a&amp;b.so\" Reason=\"no LTTng\" />. "
            + "Raise it with <StaticLinkMaxGlibcVersion>2.34</StaticLinkMaxGlibcVersion>. "
            + "Raise it with <StaticLinkMaxVersion Include=\"GLIBCXX\" Version=\"3.4.30\" />. "
            + "Name it with <StaticLinkTarget>debian.12</StaticLinkTarget>. "
            + "Set <InvariantGlobalization>true</InvariantGlobalization>. "
            + "Set <ContainerEnvironmentVariable Include=\"LD_LIBRARY_PATH\" Value=\"/app\" />. "
            + "Link with <StaticLinkProfile>static</StaticLinkProfile>."));
    }

    private static string Expected(FixStep step) => step.Kind switch
    {
        FixKind.AllowLibrary => $"<StaticLinkAllow Include=\"{step.Library}\"",
        FixKind.IgnoreFile => $"<StaticLinkIgnore Include=\"{step.File}\"",
        FixKind.RaiseVersionLimit => step.Prefix == "GLIBC" ? $"<StaticLinkMaxGlibcVersion>{step.Version}</StaticLinkMaxGlibcVersion>" : $"<StaticLinkMaxVersion Include=\"{step.Prefix}\"",
        FixKind.UseTarget => $"<StaticLinkTarget>{step.TargetId}</StaticLinkTarget>",
        FixKind.UseRuntimeIdentifier => $"<RuntimeIdentifier>{step.RuntimeIdentifier}</RuntimeIdentifier>",
        FixKind.SetProperty => $"<{step.Name}>{step.Value}</{step.Name}>",
        FixKind.SetEnvironmentVariable => $"<ContainerEnvironmentVariable Include=\"{step.Name}\" Value=\"{step.Value}\" />",
        FixKind.LinkStatically => "<StaticLinkProfile>static</StaticLinkProfile>",
        _ => step.Before,
    };
}
