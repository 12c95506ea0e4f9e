using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Running;

namespace StaticLink.Benchmarks;

/// <summary>
/// list DIR...              prints every regular file under the directories that starts with the ELF magic
/// io LIST                  how much of the files the reader reads (bytes and read calls per file)
/// cold OUTPUT RID TARGET    the gate's engine once in this fresh process, phase by phase
/// run [BenchmarkDotNet]    the in-process benchmarks (BenchmarkSwitcher arguments, e.g. --filter '*')
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : null)
        {
            case "list" when args.Length > 1:
                using (var output = Utf8StandardOutput())
                {
                    ElfFileLister.Write(args.AsSpan(1).ToArray(), output);
                }

                return 0;
            case "io" when args.Length == 2:
                using (var output = Utf8StandardOutput())
                {
                    ReaderInputOutput.Write(args[1], output);
                }

                return 0;
            case "cold" when args.Length == 4:
                ColdCheck.Run(args[1], args[2], args[3], Console.Out);
                return 0;
            case "run":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.AsSpan(1).ToArray());
                return 0;
            default:
                Console.Error.WriteLine("usage: StaticLink.Benchmarks list DIR... | io LIST | cold OUTPUT RID TARGET | run [BenchmarkDotNet arguments]");
                return 64;
        }
    }

    private static StreamWriter Utf8StandardOutput() => new(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
}
