using System.Diagnostics;
using System.Globalization;
using System.IO;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Scanning;

namespace StaticLink.Benchmarks;

/// <summary>
/// The gate's engine as MSBuild runs it: once, in a process that has not run it before, so that loading, JIT and the
/// catalogue count, phase by phase (BenchmarkDotNet measures the warm steady state, which a publish never sees).
/// </summary>
internal static class ColdCheck
{
    public static void Run(string output, string rid, string target, TextWriter writer)
    {
        var options = new CheckOptions { Root = output, RuntimeIdentifier = rid, Targets = [target] };
        var clock = Stopwatch.StartNew();
        var rules = RuleSetBuilder.Build(options);
        var build = Lap(clock);
        var scan = new OutputScanner().Scan(options.Root);
        var scanning = Lap(clock);
        var report = new PolicyEvaluator(rules, rules.Targets[0]).Evaluate(scan);
        var evaluation = Lap(clock);
        var json = JsonReport.ToJson(report);
        var writing = Lap(clock);
        PublishChecker.Check(options);
        var warm = Lap(clock);
        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "cold check of {0} files ({1} native): rules and targets {2:F1} ms, scan {3:F1} ms, evaluate {4:F1} ms, JSON report {5:F1} ms ({6} chars); total {7:F1} ms; the whole check again, warm: {8:F1} ms",
            scan.ExaminedFileCount,
            scan.Files.Count,
            build,
            scanning,
            evaluation,
            writing,
            json.Length,
            build + scanning + evaluation + writing,
            warm));
    }

    private static double Lap(Stopwatch clock)
    {
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return milliseconds;
    }
}
