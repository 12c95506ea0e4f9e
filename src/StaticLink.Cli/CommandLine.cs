using System;
using System.IO;
using System.Reflection;

namespace StaticLink.Cli;

/// <summary>Parses the command line and dispatches to a command; returns the process exit code.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, TextReader.Null, output, error);

    /// <param name="args">The process arguments.</param>
    /// <param name="input">Standard input, read by --files-from -.</param>
    /// <param name="output">Standard output: the report.</param>
    /// <param name="error">Standard error: usage, problems and --stats.</param>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var rest = args.AsSpan(Math.Min(1, args.Length)).ToArray();
            switch (args.Length == 0 ? null : args[0])
            {
                case "inspect":
                    var inspect = InspectArguments.Parse(rest);
                    return inspect.Help ? PrintUsage(output) : InspectCommand.Run(inspect, input, output, error);
                case "check":
                    var check = CheckArguments.Parse(rest);
                    return check.Help ? PrintUsage(output) : CheckCommand.Run(check, output, error);
                case "target":
                    var target = TargetArguments.Parse(rest);
                    return target.Help ? PrintUsage(output) : TargetCommand.Run(target, output, error);
                case "help" or "--help" or "-h":
                    return PrintUsage(output);
                case "--version":
                    output.WriteLine(Version());
                    return ExitCodes.Success;
                case null:
                    throw new UsageException("a command is needed: inspect, check or target");
                default:
                    throw new UsageException($"unknown command '{args[0]}'");
            }
        }
        catch (UsageException exception)
        {
            error.WriteLine("staticlink: " + exception.Message);
            error.WriteLine(Usage.Text);
            return ExitCodes.Usage;
        }
    }

    private static int PrintUsage(TextWriter output)
    {
        output.WriteLine(Usage.Text);
        return ExitCodes.Success;
    }

    private static string Version() =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
