using System.CommandLine;
using System.CommandLine.Invocation;
using System.Linq;

namespace StaticLink.Cli;

/// <summary>
/// The root command: every subcommand is registered here, one line each. A new command is a file with a
/// <c>static Command Create(StandardStreams streams)</c> and a line in <see cref="Create"/>.
/// </summary>
internal static class StaticLinkCommand
{
    /// <summary>The tool's command name, used in messages whatever the process was started as (dotnet staticlink.dll, a test host).</summary>
    public const string Name = "staticlink";

    public static RootCommand Create(StandardStreams streams)
    {
        var root = new RootCommand(
            "Checks that the native (ELF) files of a Linux publish output will load on the target system, the way its dynamic loader would. " +
            "Exit codes: 0 success, 1 errors found, 2 unreadable input, 64 usage error.")
        {
            InspectCommand.Create(streams),
            CheckCommand.Create(streams),
            TargetCommand.Create(streams),
            BaselineCommand.Create(streams),
            TreeCommand.Create(streams),
        };

        // The version of this assembly, not of whatever process hosts it (the default reads the entry assembly).
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        root.Add(HelpCommand(root));
        return root;
    }

    /// <summary><c>staticlink help</c>, as the hand-written parser had it: the same text as --help.</summary>
    private static Command HelpCommand(RootCommand root)
    {
        var help = new Command("help", "Show help and usage information") { Hidden = true };
        help.SetAction(parseResult => root.Parse(["--help"]).Invoke(parseResult.InvocationConfiguration));
        return help;
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(ToolVersion.Text);
            return ExitCodes.Success;
        }
    }
}
