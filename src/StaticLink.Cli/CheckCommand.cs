using System.IO;
using StaticLink.Core.Policy;

namespace StaticLink.Cli;

/// <summary><c>staticlink check</c>: the same engine and findings as the MSBuild task.</summary>
internal static class CheckCommand
{
    public static int Run(CheckArguments arguments, TextWriter output, TextWriter error)
    {
        if (!File.Exists(arguments.Path) && !Directory.Exists(arguments.Path))
        {
            error.WriteLine($"staticlink: cannot read {arguments.Path}: no such file or directory");
            return ExitCodes.Unreadable;
        }

        var options = new CheckOptions
        {
            Root = arguments.Path,
            RuntimeIdentifier = arguments.RuntimeIdentifier,
            PolicyName = arguments.Policy,
            MaxGlibcVersion = arguments.MaxGlibc,
        };
        var report = PublishChecker.Check(options);
        foreach (var finding in report.Findings)
        {
            output.WriteLine($"{finding.File ?? arguments.Path}: {finding.Severity.ToString().ToLowerInvariant()} {finding.Code}: {finding.Message}");
        }

        return report.HasErrors ? ExitCodes.Violations : ExitCodes.Success;
    }
}
