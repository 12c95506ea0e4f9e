using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace StaticLink.Tests.Shared;

/// <summary>Runs the real `dotnet` CLI in a clean environment, as a user's terminal would.</summary>
internal static class DotNetCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(6);

    /// <summary>What a CI job sets that changes where StaticLink writes (the job summary) or what its SARIF is relative to.</summary>
    private static readonly string[] CiVariables = ["GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "BUILD_SOURCESDIRECTORY"];

    /// <summary>
    /// Runs `dotnet` with <paramref name="arguments"/>; a run longer than <paramref name="timeout"/> (six minutes unless
    /// given) is killed, and its output says so. The CI job's own summary and checkout variables are not passed down
    /// (a test must not write into the real job summary); <paramref name="environment"/> sets variables for this run.
    /// </summary>
    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its own MSBuild location to the test host; a nested build must find its own.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Equals("DOTNET_HOST_PATH", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var name in CiVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        // No build server or MSBuild node may outlive the test.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append(output, $"*** killed after {limit.TotalMinutes} minutes ***");
        }

        process.WaitForExit();
        stopwatch.Stop();
        var commandLine = "dotnet " + string.Join(" ", start.ArgumentList);
        TestContext.Out.WriteLine($"{stopwatch.Elapsed.TotalSeconds,6:F1} s  exit {process.ExitCode}  {commandLine}  (in {workingDirectory})");
        return new CommandResult(commandLine, process.ExitCode, output.ToString(), stopwatch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Executable()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
