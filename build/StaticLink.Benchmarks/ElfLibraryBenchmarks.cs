using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using StaticLink.Core.Elf;

namespace StaticLink.Benchmarks;

/// <summary>
/// Why the engine keeps its own ELF reader: the same file read by it and by LibObjectFile, the maintained .NET ELF
/// library. LibObjectFile reads every section into objects, which an object-file editor needs; a gate needs the
/// dynamic table, the version needs and a few notes, and reads only the pages that hold them.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class ElfLibraryBenchmarks
{
    private string _library = string.Empty;

    [GlobalSetup]
    public void Setup() =>

        // The largest shared library of the list: where reading everything costs most.
        _library = BenchmarkInputs.ElfFiles()
            .Where(path => Path.GetFileName(path).Contains(".so", System.StringComparison.Ordinal))
            .OrderByDescending(path => new FileInfo(path).Length)
            .First();

    [Benchmark(Baseline = true, Description = "the largest library: StaticLink's reader")]
    public int StaticLinkReader() => ElfReader.Inspect(_library, ElfReadOptions.Default).File!.Needed.Count;

    [Benchmark(Description = "the largest library: LibObjectFile")]
    public int LibObjectFileReader()
    {
        using var stream = File.OpenRead(_library);
        return LibObjectFile.Elf.ElfFile.Read(stream).Sections.Count;
    }
}
