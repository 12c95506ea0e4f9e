using System;
using System.IO;
using System.Text;
using StaticLink.Tasks;

namespace StaticLink.EngineProcess;

internal static class Program
{
    /// <summary>Reads the task's parameters from standard input and writes what the check logged to standard output.</summary>
    private static int Main()
    {
        var encoding = new UTF8Encoding(false);
        using var input = new StreamReader(Console.OpenStandardInput(), encoding);
        using var output = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16) { AutoFlush = false };
        return EngineProcessServer.Run(input, output);
    }
}
