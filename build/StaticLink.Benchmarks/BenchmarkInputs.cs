using System;
using System.Collections.Generic;
using System.IO;

namespace StaticLink.Benchmarks;

/// <summary>
/// What the benchmarks read, named by build/bench.sh through the environment, which BenchmarkDotNet hands on to the
/// process it measures in: STATICLINK_BENCH_LIST (the machine's ELF files, one a line) and STATICLINK_BENCH_OUTPUT (a
/// publish directory to check).
/// </summary>
internal static class BenchmarkInputs
{
    public const string ListVariable = "STATICLINK_BENCH_LIST";
    public const string OutputVariable = "STATICLINK_BENCH_OUTPUT";

    public static List<string> ElfFiles()
    {
        var paths = new List<string>();
        foreach (var line in File.ReadLines(Required(ListVariable)))
        {
            if (line.Length > 0)
            {
                paths.Add(line);
            }
        }

        return paths;
    }

    public static string Output() => Required(OutputVariable);

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set; build/bench.sh sets it");
}
