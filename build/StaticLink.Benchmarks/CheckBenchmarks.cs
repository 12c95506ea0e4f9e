using BenchmarkDotNet.Attributes;
using StaticLink.Core.Policy;
using StaticLink.Core.Scanning;

namespace StaticLink.Benchmarks;

/// <summary>
/// The gate's engine on a real output (STATICLINK_BENCH_OUTPUT): the whole check as the task runs it, the scan alone,
/// and the policy evaluation alone on a scan read once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class CheckBenchmarks
{
    private CheckOptions _options = null!;
    private RuleSet _rules = null!;
    private OutputScan _scan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = new CheckOptions { Root = BenchmarkInputs.Output(), RuntimeIdentifier = "linux-x64", Targets = ["debian.12"] };
        _rules = RuleSetBuilder.Build(_options);
        _scan = new OutputScanner().Scan(_options.Root);
    }

    [Benchmark(Baseline = true, Description = "check: scan + evaluate")]
    public CheckReport Check() => PublishChecker.Check(_options);

    [Benchmark(Description = "scan the output")]
    public OutputScan Scan() => new OutputScanner().Scan(_options.Root);

    [Benchmark(Description = "evaluate the policy")]
    public CheckReport Evaluate() => new PolicyEvaluator(_rules, _rules.Targets[0]).Evaluate(_scan);
}
