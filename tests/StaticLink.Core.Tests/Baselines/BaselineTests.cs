using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Core.Baselines;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Baselines;

/// <summary>
/// Baselines on real outputs built with gcc, checked against debian.12 (whose glibc is this machine's): app-extra
/// needs libextra.so.1, which is not bundled (SL1001); app-plain needs libhelper.so.1, which is in lib/ where no run
/// path of it looks (SL1009).
/// </summary>
public class BaselineTests
{
    private static CheckReport Check(string output, string? baseline = null, bool update = false, string target = "debian.12") => BaselinedCheck.Run(new CheckOptions
    {
        Root = output,
        RuntimeIdentifier = "linux-x64",
        Targets = [target],
        BaselineFile = baseline,
        UpdateBaseline = update,
    });

    private static string Record(string output, string path, string target = "debian.12")
    {
        BaselineJson.WriteFile(Baseline.Record(Check(output, target: target)), path);
        return path;
    }

    [Test]
    public void A_recorded_dependency_is_information_and_a_new_one_still_fails()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra");
        var before = Check(output);
        Assert.That(before.HasErrors, Is.True, "the unbundled libextra.so.1 fails without a baseline");
        var baseline = Record(output, temp.Combine("staticlink.baseline.json"));

        var accepted = Check(output, baseline);
        Assert.That(accepted.HasErrors, Is.False);
        var missing = accepted.Findings.Single(finding => finding.Code == DiagnosticCodes.UnexpectedLibrary);
        Assert.That(missing.Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(missing.Library, Is.EqualTo("libextra.so.1"));
        Assert.That(missing.Message, Does.EndWith("Accepted in the baseline " + baseline + "."), "the fix is apart from the message");
        Assert.That(accepted.Files.Single(file => file.Path == "app-extra").Verdict, Is.EqualTo(Verdict.Pass));

        DependencySamples.CopyTo(output, "app-plain", "libhelper.so.1=>lib/libhelper.so.1");
        var grown = Check(output, baseline);
        Assert.That(grown.HasErrors, Is.True);
        var errors = grown.Findings.Where(finding => finding.Severity == FindingSeverity.Error).ToList();
        Assert.That(errors.Select(finding => (finding.Code, finding.File, finding.Library)), Is.EqualTo(new[] { (DiagnosticCodes.UnreachableLibrary, (string?)"app-plain", (string?)"libhelper.so.1") }));
        Assert.That(grown.Findings.Single(finding => finding.Code == DiagnosticCodes.UnexpectedLibrary).Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(grown.Files.Single(file => file.Path == "app-plain").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(grown.Findings.Where(finding => finding.Code == DiagnosticCodes.BaselineEntryNotNeeded), Is.Empty);
    }

    [Test]
    public void An_entry_the_check_no_longer_produces_is_one_SL3005_and_fails_nothing()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra", "app-plain", "libhelper.so.1=>lib/libhelper.so.1");
        var baseline = Record(output, temp.Combine("baseline.json"));

        // app-plain now finds its library: its SL1009 entry is stale, app-extra's SL1001 is still accepted.
        File.Delete(Path.Combine(output, "app-plain"));
        DependencySamples.CopyTo(output, "app-origin=>app-plain");
        var report = Check(output, baseline);

        Assert.That(report.HasErrors, Is.False);
        var stale = report.Findings.Where(finding => finding.Code == DiagnosticCodes.BaselineEntryNotNeeded).ToList();
        Assert.That(stale, Has.Count.EqualTo(1));
        Assert.That(stale[0].Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(stale[0].File, Is.EqualTo("app-plain"));
        Assert.That(stale[0].Library, Is.EqualTo("libhelper.so.1"));
        Assert.That(stale[0].Message, Does.Contain("SL1009 for libhelper.so.1 of app-plain, which the check no longer reports"));
    }

    [Test]
    public void The_baseline_is_the_same_file_when_the_output_moves_and_its_files_come_in_another_order()
    {
        using var temp = new TempDirectory();
        var first = temp.Combine("machine-a/src/app/bin/publish");
        var second = temp.Combine("elsewhere/publish");
        DependencySamples.CopyTo(first, "app-extra", "app-plain", "libhelper.so.1=>lib/libhelper.so.1", "app-zlib");
        DependencySamples.CopyTo(second, "app-zlib", "libhelper.so.1=>lib/libhelper.so.1", "app-plain", "app-extra");

        var reportA = Check(first);
        var reportB = Check(second);
        var shuffled = new CheckReport
        {
            Root = reportB.Root,
            RuntimeIdentifier = reportB.RuntimeIdentifier,
            PolicyName = reportB.PolicyName,
            Targets = reportB.Targets,
            Files = reportB.Files.Reverse().ToList(),
            Findings = reportB.Findings.Reverse().ToList(),
        };
        var textA = Serialize(Baseline.Record(reportA));
        var textB = Serialize(Baseline.Record(shuffled));

        Assert.That(textB, Is.EqualTo(textA));
        Assert.That(textA, Does.Not.Contain(temp.Path));
        Assert.That(FindingIdentity.Of(reportA).Select(identity => identity.Fingerprint).OrderBy(print => print),
            Is.EqualTo(FindingIdentity.Of(shuffled).Select(identity => identity.Fingerprint).OrderBy(print => print)));

        // A baseline recorded at one path accepts the output at the other.
        var baseline = temp.File("baseline.json", textA);
        Assert.That(Check(second, baseline).HasErrors, Is.False);
    }

    [Test]
    public void A_recorded_file_lists_its_external_libraries_its_version_floors_and_its_findings()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-zlib", "app-extra");
        using var document = System.Text.Json.JsonDocument.Parse(Serialize(Baseline.Record(Check(output))));
        var root = document.RootElement;

        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("targets")[0].GetString(), Is.EqualTo("debian.12"));
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.That(files.Select(file => file.GetProperty("path").GetString()), Is.EqualTo(new[] { "app-extra", "app-zlib" }));
        Assert.That(files[1].GetProperty("libraries").EnumerateArray().Select(library => library.GetString()), Is.EqualTo(new[] { "libc.so.6", "libz.so.1" }));
        Assert.That(files[1].GetProperty("findings").GetArrayLength(), Is.Zero);
        var floors = files[1].GetProperty("versionFloors").EnumerateArray().Select(floor => floor.GetProperty("library").GetString() + " " + floor.GetProperty("version").GetString()).ToList();
        Assert.That(floors, Has.Member("libc.so.6 GLIBC_2.34"), "main() of glibc 2.34 and later binds __libc_start_main@GLIBC_2.34");
        var finding = files[0].GetProperty("findings").EnumerateArray().Single();
        Assert.That(finding.GetProperty("code").GetString(), Is.EqualTo("SL1001"));
        Assert.That(finding.GetProperty("library").GetString(), Is.EqualTo("libextra.so.1"));
    }

    [Test]
    public void A_newer_version_floor_than_the_baseline_accepted_is_a_new_finding()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-zlib");

        // debian.11 has glibc 2.31: the program's GLIBC_2.34 need is SL1004, identified by its floor.
        var baseline = Record(output, temp.Combine("baseline.json"), "debian.11");
        var text = File.ReadAllText(baseline);
        Assert.That(text, Does.Contain("\"subject\": \"GLIBC_2.34\""));
        Assert.That(Check(output, baseline, target: "debian.11").HasErrors, Is.False);

        // The same file accepted at an older floor (as if the program had needed only GLIBC_2.30): now it is new.
        File.WriteAllText(baseline, text.Replace("\"subject\": \"GLIBC_2.34\"", "\"subject\": \"GLIBC_2.30\"", System.StringComparison.Ordinal));
        var report = Check(output, baseline, target: "debian.11");
        Assert.That(report.HasErrors, Is.True);
        Assert.That(report.Findings.Single(finding => finding.Code == DiagnosticCodes.SymbolVersionTooNew).Severity, Is.EqualTo(FindingSeverity.Error));
        Assert.That(report.Findings.Single(finding => finding.Code == DiagnosticCodes.BaselineEntryNotNeeded).Message, Does.Contain("SL1004 for libc.so.6 (GLIBC_2.30)"));
    }

    [Test]
    public void Updating_rewrites_the_file_with_todays_findings_so_nothing_fails_and_says_what_it_dropped()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra");
        var baseline = Record(output, temp.Combine("baseline.json"));
        File.Delete(Path.Combine(output, "app-extra"));
        DependencySamples.CopyTo(output, "app-plain", "libhelper.so.1=>lib/libhelper.so.1");
        Assert.That(Check(output, baseline).HasErrors, Is.True);

        var updated = Check(output, baseline, update: true);

        Assert.That(updated.HasErrors, Is.False);
        Assert.That(updated.Findings.Single(finding => finding.Code == DiagnosticCodes.UnreachableLibrary).Severity, Is.EqualTo(FindingSeverity.Info));
        Assert.That(updated.Findings.Single(finding => finding.Code == DiagnosticCodes.BaselineEntryNotNeeded).Message, Does.Contain("SL1001 for libextra.so.1 of app-extra").And.Contain("removed from the file"));
        var rewritten = BaselineJson.ReadFile(baseline);
        Assert.That(rewritten.Findings.Select(identity => identity.Key), Is.EqualTo(new[] { "SL1009|app-plain|libhelper.so.1|" }));
        Assert.That(Check(output, baseline).Findings.Where(finding => finding.Severity != FindingSeverity.Info), Is.Empty);
    }

    [Test]
    public void Updating_a_baseline_that_does_not_exist_yet_creates_it()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra");
        var baseline = temp.Combine("new/staticlink.baseline.json");

        Assert.That(Check(output, baseline, update: true).HasErrors, Is.False);
        Assert.That(BaselineJson.ReadFile(baseline).Findings.Select(identity => identity.Key), Is.EqualTo(new[] { "SL1001|app-extra|libextra.so.1|" }));
    }

    [TestCase("{ \"version\": 1, \"files\": [ { \"path\": \"app\", ", "not valid JSON (line 1")]
    [TestCase("[1, 2]", "$ is an array, expected an object")]
    [TestCase("{ \"files\": [] }", "$.version is missing")]
    [TestCase("{ \"version\": \"1\" }", "$.version is the string \"1\", expected the number 1")]
    [TestCase("{ \"version\": 2 }", "$.version is 2: the file was written by a newer StaticLink")]
    [TestCase("{ \"version\": 1, \"files\": {} }", "$.files is an object, expected an array")]
    [TestCase("{ \"version\": 1, \"files\": [ { \"libraries\": [] } ] }", "$.files[0].path is missing or empty")]
    [TestCase("{ \"version\": 1, \"files\": [ { \"path\": \"app\", \"findings\": [ { \"library\": \"libz.so.1\" } ] } ] }", "$.files[0].findings[0].code is missing or empty")]
    [TestCase("{ \"version\": 1, \"findings\": [ { \"code\": 1001 } ] }", "$.findings[0].code is the number 1001, expected a string")]
    public void A_malformed_baseline_is_one_SL1007_naming_the_file_and_the_reason_and_the_check_stops(string json, string reason)
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra");
        var baseline = temp.File("baseline.json", json);

        var report = Check(output, baseline);

        Assert.That(report.Findings, Has.Count.EqualTo(1));
        Assert.That(report.Findings[0].Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(report.Findings[0].File, Is.EqualTo(baseline));
        Assert.That(report.Findings[0].Message, Does.StartWith("The baseline file " + baseline + " cannot be used: ").And.Contain(reason));
        Assert.That(report.Files, Is.Empty, "nothing was scanned");
        Assert.That(report.HasErrors, Is.True);
    }

    [Test]
    public void A_missing_baseline_is_one_SL1007_unless_it_is_being_updated()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("publish");
        DependencySamples.CopyTo(output, "app-extra");

        var report = Check(output, temp.Combine("absent.json"));

        Assert.That(report.Findings.Select(finding => finding.Code), Is.EqualTo(new[] { DiagnosticCodes.InvalidConfiguration }));
        Assert.That(report.Findings[0].Message, Does.Contain("the file does not exist"));
    }

    private static string Serialize(Baseline baseline)
    {
        using var stream = new MemoryStream();
        BaselineJson.Write(baseline, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
