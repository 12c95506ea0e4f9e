using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class ConfigurationTests
{
    [TestCase("linux-x64", "glibc-portable")]
    [TestCase("linux-arm64", "glibc-portable")]
    [TestCase("linux-musl-x64", "musl-portable")]
    [TestCase("linux-musl-arm64", "musl-portable")]
    [TestCase("alpine.3.18-x64", "musl-portable")]
    [TestCase("ubuntu.22.04-x64", "glibc-portable")]
    public void The_default_policy_follows_the_rid(string rid, string policy)
    {
        var rules = RuleSetBuilder.Build(Facts.Options(rid));

        Assert.That(rules.Targets.Single().Description.Id, Is.EqualTo(policy));
        Assert.That(rules.Problems, Is.Empty);
    }

    [TestCase("linux-x64", "ld-linux-x86-64.so.2")]
    [TestCase("linux-arm64", "ld-linux-aarch64.so.1")]
    [TestCase("linux-arm", "ld-linux-armhf.so.3")]
    [TestCase("linux-x86", "ld-linux.so.2")]
    [TestCase("linux-musl-x64", "ld-musl-x86_64.so.1")]
    [TestCase("linux-musl-arm64", "ld-musl-aarch64.so.1")]
    [TestCase("linux-musl-arm", "ld-musl-armhf.so.1")]
    public void Each_architecture_has_its_loader(string rid, string loader)
    {
        var rules = RuleSetBuilder.Build(Facts.Options(rid));

        Assert.That(rules.Targets.Single().Description.FindLibrary(loader), Is.Not.Null);
    }

    [TestCase("linux-musl-x64", "libc.musl-x86_64.so.1")]
    [TestCase("linux-musl-arm64", "libc.musl-aarch64.so.1")]
    [TestCase("linux-musl-arm", "libc.musl-armv7.so.1")]
    [TestCase("linux-musl-x86", "libc.musl-x86.so.1")]
    public void Musl_policies_know_alpines_libc_names(string rid, string libc)
    {
        Assert.That(RuleSetBuilder.Build(Facts.Options(rid)).Targets.Single().Description.FindLibrary(libc), Is.Not.Null);
    }

    private static CheckOptions BadValues(string policy) => new()
    {
        Root = "/output",
        RuntimeIdentifier = "linux-x64",
        PolicyName = policy,
        MaxGlibcVersion = "2.x",
        MaxVersions = [new VersionLimit("", "1.0"), new VersionLimit("GLIBCXX", "three")],
        Allow = [new LibraryRule(""), new LibraryRule("  "), new LibraryRule("/usr/lib/libz.so.1"), new LibraryRule("libgood.so.1")],
        Deny = [new LibraryRule("")],
        Ignore = [new IgnoreRule("")],
    };

    [Test]
    public void Every_bad_value_is_one_SL1007_finding_and_the_check_stops_there()
    {
        var options = BadValues("glibc-portable");

        var rules = RuleSetBuilder.Build(options);
        var problems = rules.Problems.Where(problem => problem.Code == DiagnosticCodes.InvalidConfiguration).ToList();

        Assert.That(problems, Has.Count.EqualTo(8));
        Assert.That(problems.Select(problem => problem.Severity), Is.All.EqualTo(FindingSeverity.Error));
        Assert.That(problems[0].Shown(), Is.EqualTo("StaticLinkMaxGlibcVersion '2.x' is not a version. Write it as numbers separated by dots, e.g. 2.28, or remove StaticLinkMaxGlibcVersion."));
        Assert.That(problems[1].Message, Does.StartWith("StaticLinkMaxVersion has an empty or invalid prefix ''"));
        Assert.That(problems[2].Message, Does.StartWith("StaticLinkMaxVersion for GLIBCXX has 'three', which is not a version."));
        Assert.That(problems[3].Shown(), Is.EqualTo("StaticLinkAllow has an empty pattern. Give a soname or a glob such as libz.so.1 or libz.so.*, or remove the rule."));
        Assert.That(problems[4].Rule, Is.EqualTo("StaticLinkAllow"));
        Assert.That(problems[5].Shown(), Does.Contain("contains a path separator").And.Contain("e.g. libz.so.1"));
        Assert.That(problems[6].Rule, Is.EqualTo("StaticLinkDeny"));
        Assert.That(problems[7].Rule, Is.EqualTo("StaticLinkIgnore"));

        // A check on what is left would pass what the user meant to restrict: every problem is reported, nothing judged.
        Assert.That(rules.CannotCheck, Is.True);
        var report = PublishChecker.Check(options);
        Assert.That(report.Files, Is.Empty);
        Assert.That(report.Findings, Has.Count.EqualTo(8));
    }

    [Test]
    public void The_command_line_validates_with_the_same_rules_the_check_uses()
    {
        Assert.That(RuleSetBuilder.InvalidMaxGlibcVersion("2.28", "--max-glibc"), Is.Null);
        Assert.That(RuleSetBuilder.InvalidMaxGlibcVersion("GLIBC_2.17", "--max-glibc"), Is.Null);
        Assert.That(RuleSetBuilder.InvalidMaxGlibcVersion("2.x", "--max-glibc")!.Text, Is.EqualTo("--max-glibc '2.x' is not a version. Write it as numbers separated by dots, e.g. 2.28, or remove --max-glibc."));
        Assert.That(RuleSetBuilder.InvalidPolicy("MUSL-portable", "--policy"), Is.Null);
        Assert.That(RuleSetBuilder.InvalidPolicy("portable-ish", "--policy")!.Message, Is.EqualTo("--policy 'portable-ish' is not a built-in policy (glibc-portable, musl-portable, static)."));
        Assert.That(RuleSetBuilder.InvalidLibraryPattern("libz.so.*", "--allow"), Is.Null);
        Assert.That(RuleSetBuilder.InvalidLibraryPattern("/usr/lib/libz.so.1", "--allow")!.Fix, Is.EqualTo("Use the library's soname, e.g. libz.so.1."));
        Assert.That(RuleSetBuilder.InvalidLibraryPattern(" ", "--allow")!.Message, Is.EqualTo("--allow has an empty pattern."));
    }

    [Test]
    public void An_unknown_policy_is_one_SL1007_finding_and_stops_the_check_instead_of_falling_back()
    {
        // The old engine checked with glibc-portable instead; a verdict against a target nobody named would be a guess.
        var rules = RuleSetBuilder.Build(BadValues("portable-ish"));
        var report = PublishChecker.Check(BadValues("portable-ish"));

        Assert.That(rules.CannotCheck, Is.True);
        Assert.That(rules.Targets, Is.Empty);
        var policy = rules.Problems.Single(problem => problem.Rule == "StaticLinkPolicy");
        Assert.That(policy.Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(policy.Severity, Is.EqualTo(FindingSeverity.Error));
        Assert.That(policy.Shown(), Is.EqualTo(
            "StaticLinkPolicy 'portable-ish' is not a built-in policy (glibc-portable, musl-portable, static). "
            + "Set StaticLinkPolicy to one of glibc-portable, musl-portable, static, or name a target with StaticLinkTarget instead."));

        // Every other bad value is still reported, but nothing is scanned or judged.
        Assert.That(report.Findings.Select(finding => finding.Code), Is.All.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(report.Findings, Has.Count.EqualTo(9));
        Assert.That(report.Files, Is.Empty);
        Assert.That(report.PolicyName, Is.Empty);
    }

    [TestCase("win-x64", "is not a Linux RID")]
    [TestCase("osx-arm64", "is not a Linux RID")]
    [TestCase("", "No runtime identifier was given")]
    [TestCase("linux-bionic-arm64", "Android (bionic)")]
    public void A_rid_that_cannot_be_checked_is_one_finding_and_nothing_is_scanned(string rid, string expected)
    {
        var report = PublishChecker.Check(new CheckOptions { Root = "/nonexistent-output", RuntimeIdentifier = rid });

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(finding.Message, Does.Contain(expected));
        Assert.That(report.Files, Is.Empty);
    }

    [Test]
    public void An_unknown_architecture_is_reported_and_architecture_checks_are_skipped()
    {
        var elf = Facts.Library("libx.so", "libc.so.6", "ld-linux-aarch64.so.1");
        elf.Machine = StaticLink.Core.Elf.ElfMachine.Mips;

        var problem = RuleSetBuilder.Build(Facts.Options("linux-mips64")).Problems.Single();
        var report = Facts.Check("linux-mips64", Facts.File("libx.so", elf));

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(problem.Message, Does.Contain("The architecture 'mips64' of runtime identifier 'linux-mips64' is not one StaticLink knows"));
        // No architecture mismatch for the MIPS file, and another architecture's loader is accepted.
        Assert.That(report.Findings, Is.Empty);
    }

    [Test]
    public void A_missing_root_is_a_configuration_error_not_an_exception()
    {
        var report = PublishChecker.Check(new CheckOptions { Root = "/nonexistent/output/dir", RuntimeIdentifier = "linux-x64" });

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(finding.Message, Does.StartWith("The output to check, '/nonexistent/output/dir', cannot be scanned: it does not exist."));
    }

    [Test]
    public void The_policy_name_is_case_insensitive_and_static_keeps_the_rids_libc()
    {
        var rules = RuleSetBuilder.Build(new CheckOptions { Root = ".", RuntimeIdentifier = "linux-musl-arm64", PolicyName = " Static " });

        Assert.That(rules.Targets.Single().Description.Id, Is.EqualTo("static"));
        Assert.That(rules.Targets.Single().RequiresFullyStatic, Is.True);
        Assert.That(rules.Rid.Libc, Is.EqualTo(StaticLink.Core.Elf.LibcFlavor.Musl));
    }
}
