using System.CommandLine;

namespace StaticLink.Cli;

/// <summary><c>staticlink target</c>: the commands about targets; one subcommand, capture, each in its own file.</summary>
internal static class TargetCommand
{
    public static Command Create(StandardStreams streams) =>
        new("target", "Commands about targets: what a system offers the loader (docs/target-file.md).")
        {
            TargetCaptureCommand.Create(streams),
        };
}
