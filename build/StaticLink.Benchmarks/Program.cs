using System;
using System.IO;
using System.Text;

namespace StaticLink.Benchmarks;

/// <summary>
/// list DIR...            prints every regular file under the directories that starts with the ELF magic
/// reader LIST [PASSES]   reads every file of LIST with ElfReader.Inspect, PASSES times, and prints files/s, MB/s
///                        and peak memory for the reader alone (no JSON, no process start)
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        switch (args.Length > 0 ? args[0] : null)
        {
            case "list" when args.Length > 1:
                ElfFileLister.Write(args.AsSpan(1).ToArray(), output);
                return 0;
            case "reader" when args.Length is 2 or 3:
                var passes = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
                ReaderBenchmark.Run(args[1], passes, output);
                return 0;
            default:
                Console.Error.WriteLine("usage: StaticLink.Benchmarks list DIR... | reader LIST [PASSES]");
                return 64;
        }
    }
}
