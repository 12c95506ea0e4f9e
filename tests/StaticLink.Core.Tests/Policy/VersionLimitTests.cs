using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

/// <summary>
/// The user's version limits (StaticLinkMaxGlibcVersion, StaticLinkMaxVersion), judged against the glibc-portable
/// policy so that the default target (.NET's floor, whose newer versions are SL2005 warnings) does not add its own.
/// </summary>
public class VersionLimitTests
{
    private static ElfFile NativeAotApp()
    {
        var elf = Facts.GlibcExecutable("libm.so.6", "libc.so.6", "libstdc++.so.6");
        elf.VersionNeeds =
        [
            new ElfVersionNeed("libm.so.6", ["GLIBC_2.2.5", "GLIBC_2.29"]),
            new ElfVersionNeed("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.28", "GLIBC_2.34", "GLIBC_PRIVATE"]),
            new ElfVersionNeed("libstdc++.so.6", ["GLIBCXX_3.4", "GLIBCXX_3.4.29", "CXXABI_1.3.13"]),
        ];
        elf.VersionedImports =
        [
            new ElfVersionedImport("malloc", "libc.so.6", "GLIBC_2.2.5"),
            new ElfVersionedImport("exp", "libm.so.6", "GLIBC_2.29"),
            new ElfVersionedImport("__libc_start_main", "libc.so.6", "GLIBC_2.34"),
            new ElfVersionedImport("statx", "libc.so.6", "GLIBC_2.28"),
            new ElfVersionedImport("pthread_create", "libc.so.6", "GLIBC_2.34"),
            new ElfVersionedImport("_ZSt28__throw_bad_array_new_lengthv", "libstdc++.so.6", "GLIBCXX_3.4.29"),
        ];
        return elf;
    }

    [Test]
    public void A_max_glibc_version_names_every_symbol_that_needs_a_newer_version_newest_first()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", PolicyName = "glibc-portable", MaxGlibcVersion = "2.28" };

        var report = Facts.Check(options, Facts.File("app", NativeAotApp()));

        var finding = report.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(DiagnosticCodes.SymbolVersionTooNew));
        Assert.That(finding.Message, Does.StartWith(
            "app needs GLIBC_2.34 from libc.so.6, newer than the GLIBC_2.28 allowed by StaticLinkMaxGlibcVersion. The 3 symbols that need it: "
            + "__libc_start_main@GLIBC_2.34 (libc.so.6), pthread_create@GLIBC_2.34 (libc.so.6), exp@GLIBC_2.29 (libm.so.6)."));
        Assert.That(finding.Message, Does.Not.Contain("statx"));
        var raise = finding.Fix!.Steps.Single(step => step.Kind == FixKind.RaiseVersionLimit);
        Assert.That((raise.Prefix, raise.Version), Is.EqualTo(("GLIBC", "2.34")));
        Assert.That(finding.Library, Is.EqualTo("libc.so.6"));
        Assert.That(finding.Rule, Is.EqualTo("StaticLinkMaxGlibcVersion GLIBC_2.28"));
        Assert.That(report.FileNamed("app").MinimumGlibc, Is.EqualTo("2.34"));
    }

    [Test]
    public void A_limit_at_or_above_the_newest_need_passes()
    {
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", PolicyName = "glibc-portable", MaxGlibcVersion = "2.34" };

        var report = Facts.Check(options, Facts.File("app", NativeAotApp()));

        Assert.That(report.Findings, Is.Empty);
    }

    [Test]
    public void Limits_per_prefix_apply_only_to_their_own_prefix_and_the_stricter_of_two_limits_wins()
    {
        var options = new CheckOptions
        {
            Root = "/output",
            RuntimeIdentifier = "linux-x64",
            PolicyName = "glibc-portable",
            MaxGlibcVersion = "2.40",
            MaxVersions = [new VersionLimit("GLIBCXX", "3.4.22"), new VersionLimit("glibc", "2.30"), new VersionLimit("CXXABI", "1.3.13")],
        };

        var report = Facts.Check(options, Facts.File("app", NativeAotApp()));

        Assert.That(report.Findings.Select(finding => finding.Rule), Is.EquivalentTo(new[] { "StaticLinkMaxVersion GLIBC_2.30", "StaticLinkMaxVersion GLIBCXX_3.4.22" }));
        var glibcxx = report.Findings.Single(finding => finding.Rule!.Contains("GLIBCXX", System.StringComparison.Ordinal));
        Assert.That(glibcxx.Message, Does.Contain("The symbol that needs it: _ZSt28__throw_bad_array_new_lengthv@GLIBCXX_3.4.29 (libstdc++.so.6)"));
        var raise = glibcxx.Fix!.Steps.Single(step => step.Kind == FixKind.RaiseVersionLimit);
        Assert.That((raise.Prefix, raise.Version), Is.EqualTo(("GLIBCXX", "3.4.29")));
        Assert.That(glibcxx.Shown(), Does.Contain("older libstdc++"));
    }

    [Test]
    public void A_version_need_without_symbols_still_fails_and_says_so()
    {
        var elf = Facts.Library("libx.so", "libc.so.6");
        elf.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.38"])];
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", PolicyName = "glibc-portable", MaxGlibcVersion = "GLIBC_2.17" };

        var report = Facts.Check(options, Facts.File("libx.so", elf));

        Assert.That(report.Findings.Single().Message, Does.Contain("No imported symbol is bound to it"));
    }

    [Test]
    public void Many_symbols_are_all_listed_without_a_cut()
    {
        var elf = Facts.Library("libx.so", "libc.so.6");
        elf.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.38"])];
        elf.VersionedImports = Enumerable.Range(0, 20).Select(index => new ElfVersionedImport("f" + index, "libc.so.6", "GLIBC_2.38")).ToList();
        var options = new CheckOptions { Root = "/output", RuntimeIdentifier = "linux-x64", PolicyName = "glibc-portable", MaxGlibcVersion = "2.17" };

        var report = Facts.Check(options, Facts.File("libx.so", elf));

        Assert.That(report.Findings.Single().Message, Does.Contain("The 20 symbols that need it: f0@GLIBC_2.38 (libc.so.6)"));
        // Every symbol is named (no "and N more"): the list is what the user has to avoid or rebuild.
        var symbols = string.Join(", ", Enumerable.Range(0, 20).Select(index => $"f{index}@GLIBC_2.38 (libc.so.6)"));
        Assert.That(report.Findings.Single().Shown(), Does.Contain("The 20 symbols that need it: " + symbols + ". Build libx.so against glibc 2.17 or older"));
        Assert.That(report.Findings.Single().Message, Does.Not.Contain(" more"));
    }
}
