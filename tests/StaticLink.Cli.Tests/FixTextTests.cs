using StaticLink.Core.Policy;
using StaticLink.Tests.Shared.MessageCorpus;

namespace StaticLink.Cli.Tests;

/// <summary>The CLI prints each finding's fix as its own options and rules-file JSON, never as MSBuild XML.</summary>
public sealed class FixTextTests
{
    [Test]
    public void Each_printed_finding_carries_its_fix_in_command_line_terms_and_no_MSBuild()
    {
        Assert.Multiple(() =>
        {
            foreach (var finding in MessageCorpus.Findings())
            {
                var line = CheckCommand.FindingLine(finding, "/output");
                Assert.That(line, Does.Not.Contain("<StaticLink"), line);
                Assert.That(line, Does.Contain(FixText.Text(finding.Fix!)), line);
                foreach (var step in finding.Fix!.Steps)
                {
                    Assert.That(line, Does.Contain(Expected(step)), line);
                }
            }
        });
    }

    [Test]
    public void Each_kind_is_written_as_an_option_or_a_rules_file_entry_the_CLI_accepts()
    {
        var fix = new FindingFix(
            FixStep.AllowLibrary("Allow it with ", "libz.so.1"),
            FixStep.AllowLibrary("Or ", "gssapi", "libgssapi_krb5.so.*", "no Kerberos"),
            FixStep.IgnoreFile("Ignore it with ", "lib/x.so"),
            FixStep.RaiseVersionLimit("Raise it with ", "GLIBC", "2.34"),
            FixStep.RaiseVersionLimit("Raise it with ", "GLIBCXX", "3.4.30"),
            FixStep.UseTarget("Name it with ", "debian.12"),
            FixStep.UseRuntimeIdentifier("Publish for ", "linux-musl-x64", " instead"),
            FixStep.SetProperty("Set ", "InvariantGlobalization", "true"),
            FixStep.LinkStatically("Link with ", "linux-x64"));

        Assert.That(FixText.Text(fix), Is.EqualTo(
            "Allow it with \"allow\": [\"libz.so.1\"] in the rules file (--rules FILE.json). "
            + "Or \"allow\": [{ \"pattern\": \"libgssapi_krb5.so.*\", \"reason\": \"no Kerberos\" }] in the rules file (--rules FILE.json). "
            + "Ignore it with \"ignore\": [\"lib/x.so\"] in the rules file (--rules FILE.json). "
            + "Raise it with --max-glibc 2.34. "
            + "Raise it with \"maxVersions\": { \"GLIBCXX\": \"3.4.30\" } in the rules file (--rules FILE.json). "
            + "Name it with --target debian.12. "
            + "Publish for linux-musl-x64 (dotnet publish -r linux-musl-x64, then check with --rid linux-musl-x64) instead. "
            + "Set -p:InvariantGlobalization=true (dotnet publish). "
            + "Link with dotnet publish -r linux-x64 -p:PublishAot=true -p:StaticExecutable=true -p:PositionIndependentExecutable=false."));
    }

    private static string Expected(FixStep step) => step.Kind switch
    {
        FixKind.AllowLibrary => "\"allow\": [",
        FixKind.IgnoreFile => "\"ignore\": [",
        FixKind.RaiseVersionLimit => step.Prefix == "GLIBC" ? "--max-glibc " + step.Version : "\"maxVersions\"",
        FixKind.UseTarget => "--target " + step.TargetId,
        FixKind.UseRuntimeIdentifier => "--rid " + step.RuntimeIdentifier,
        FixKind.SetProperty => $"-p:{step.Name}={step.Value}",
        FixKind.SetEnvironmentVariable => $"ENV {step.Name}={step.Value}",
        FixKind.LinkStatically => "-p:StaticExecutable=true",
        _ => step.Before,
    };
}
