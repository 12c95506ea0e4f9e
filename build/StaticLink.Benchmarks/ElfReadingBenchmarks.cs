using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;

namespace StaticLink.Benchmarks;

/// <summary>
/// The ELF reader alone, in process (no start-up, no JSON): every ELF file of the machine one by one and on every
/// core, as inspect reads them (summary), and the largest file with everything the gate reads (version needs named).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class ElfReadingBenchmarks
{
    private List<string> _files = [];
    private string _largest = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkInputs.ElfFiles();
        _largest = _files.OrderByDescending(path => new System.IO.FileInfo(path).Length).First();
    }

    [Benchmark(Baseline = true, Description = "all ELF files, one at a time")]
    public int AllFilesSerial()
    {
        var elf = 0;
        foreach (var path in _files)
        {
            elf += ElfReader.Inspect(path, ElfReadOptions.Summary).Kind == ElfInspectionKind.Elf ? 1 : 0;
        }

        return elf;
    }

    [Benchmark(Description = "all ELF files, every core")]
    public int AllFilesParallel()
    {
        var elf = 0;
        foreach (var inspection in OrderedParallel.Map(_files, path => ElfReader.Inspect(path, ElfReadOptions.Summary)))
        {
            elf += inspection.Kind == ElfInspectionKind.Elf ? 1 : 0;
        }

        return elf;
    }

    [Benchmark(Description = "the largest file, everything")]
    public ElfInspection LargestFile() => ElfReader.Inspect(_largest, ElfReadOptions.Default);
}
