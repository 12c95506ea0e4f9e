using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Core.Policy;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>
/// The proof of the gate's verdicts: for real NuGet packages' native files and small gcc/musl-gcc samples, the gate's
/// verdict per file (the root filesystem given as the target, captured the way `--target DIR` does) is compared with
/// what the real loader says in a chroot of that root (glibc: `ldd` as LD_TRACE_LOADED_OBJECTS does, since the gate
/// does not claim lazy symbol binding; musl: `--list`, which binds every symbol). Every disagreement must be one the
/// table of known limits below explains; the agreement table is printed.
/// </summary>
[TestFixture]
public sealed class VerdictAgreementTests
{
    /// <summary>Known, documented limits: "root|output/file" -> why the gate and the loader differ.</summary>
    private static readonly Dictionary<string, string> KnownLimits = new(StringComparer.Ordinal)
    {
        // Asked as `ld-musl --list FILE`, musl's loader runs a glibc program itself and ignores its PT_INTERP; started
        // for real, the kernel looks for /lib64/ld-linux-x86-64.so.2, which a musl system lacks, and exec fails.
        // SL1002 (built for glibc) is the truth for a musl target.
        ["Musl|gcc samples/hello"] = "a glibc program is exec'd through its PT_INTERP, absent on musl; `--list` bypasses it",
        ["Musl|gcc samples/hello-needs-glibc-2.38"] = "a glibc program is exec'd through its PT_INTERP, absent on musl; `--list` bypasses it",
    };

    [Test]
    public void The_gates_verdict_per_file_agrees_with_the_real_loader()
    {
        var roots = new[] { RootFilesystem.GlibcFull(), RootFilesystem.Musl() };
        var outputs = new List<(string Name, string Directory)>();
        foreach (var (package, folder) in RealPackages.Restore(RealPackages.WithNativeLinuxAssets))
        {
            foreach (var rid in new[] { "linux-x64", "linux-musl-x64" })
            {
                var native = Path.Combine(folder, "runtimes", rid, "native");
                if (Directory.Exists(native))
                {
                    outputs.Add(($"{package} {rid}", native));
                }
            }
        }

        using var glibcSamples = NativeSamples.BuildGlibc();
        using var muslSamples = NativeSamples.BuildMusl();
        outputs.Add(("gcc samples", glibcSamples.OutputDirectory));
        outputs.Add(("musl-gcc samples", muslSamples.OutputDirectory));

        var table = new StringBuilder();
        table.AppendLine("| root | output | file | gate | loader | agree |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var unexplained = new List<string>();
        int agreed = 0, explained = 0;
        foreach (var root in roots)
        {
            var rid = root.Flavor == LibcFlavor.Musl ? "linux-musl-x64" : "linux-x64";
            foreach (var (name, directory) in outputs)
            {
                var report = PublishChecker.Check(new CheckOptions
                {
                    Root = directory,
                    RuntimeIdentifier = rid,
                    Targets = [root.Path],
                    IsDotNetApp = false,
                });
                Assert.That(report.Findings.Where(finding => finding.Code == DiagnosticCodes.InvalidConfiguration), Is.Empty, "the root is a usable target");
                foreach (var file in report.Files.Where(file => file.IsLoadable && IsSharedObjectOrProgram(file.Path)))
                {
                    var gateLoads = file.Verdict is Verdict.Pass or Verdict.Warn;
                    var loader = RealLoader.Ask(root, directory, file.Path, bindNow: root.Flavor == LibcFlavor.Musl);
                    var gate = gateLoads ? "loads" : string.Join(", ", report.Findings.Where(finding => finding.File == file.Path && finding.Severity == FindingSeverity.Error).Select(finding => finding.Code).Distinct()) + (file.Verdict == Verdict.Alternative ? " (alternative)" : string.Empty);
                    var key = $"{root.Flavor}|{name}/{file.Path}";
                    var agree = gateLoads == loader.Loads;
                    string mark;
                    if (agree)
                    {
                        agreed++;
                        mark = "yes";
                    }
                    else if (KnownLimits.TryGetValue(key, out var why))
                    {
                        explained++;
                        mark = "known: " + why;
                    }
                    else
                    {
                        unexplained.Add(key + ": gate " + gate + ", loader " + loader.Compact());
                        mark = "**NO**";
                    }

                    table.AppendLine(CultureInfo.InvariantCulture, $"| {root.Flavor} | {name} | {file.Path} | {(gate.Length == 0 ? "fails" : gate)} | {loader.Summary()} | {mark} |");
                }
            }
        }

        TestContext.Out.WriteLine(table.ToString());
        TestContext.Out.WriteLine($"{agreed} agree, {explained} differ for a known reason, {unexplained.Count} unexplained");
        Assert.That(unexplained, Is.Empty, "every verdict agrees with the real loader or is a documented limit");
        Assert.That(agreed, Is.GreaterThan(40), "the comparison covered the packages and samples");
    }

    private static bool IsSharedObjectOrProgram(string path) =>
        !path.EndsWith(".a", StringComparison.Ordinal) && !path.EndsWith(".c", StringComparison.Ordinal) && !path.EndsWith(".o", StringComparison.Ordinal);
}
