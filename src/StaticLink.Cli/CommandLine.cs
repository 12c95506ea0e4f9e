using System.IO;

namespace StaticLink.Cli;

/// <summary>Parses the command line and dispatches to a command; returns the process exit code.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("usage: staticlink inspect|check ...");
        return args.Length == 0 ? 64 : 64;
    }
}
