using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StaticLink.Benchmarks;

/// <summary>
/// Short runs (1 launch, 3 warm-ups, 5 iterations) in this process, so that build/bench.sh takes a few minutes and
/// builds no project of its own; on a shared machine the error column says how far to trust a figure.
/// </summary>
public sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.ShortRun.WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("short"));
    }
}
