using System;
using System.IO;
using System.Text;

namespace StaticLink.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Console.Out flushes on every write; a report of thousands of files would spend its time in write(2).
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        try
        {
            return CommandLine.Run(args, Console.In, output, Console.Error);
        }
        finally
        {
            output.Flush();
        }
    }
}
