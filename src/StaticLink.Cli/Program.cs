namespace StaticLink.Cli;

internal static class Program
{
    private static int Main(string[] args) => CommandLine.Run(args, System.Console.Out, System.Console.Error);
}
