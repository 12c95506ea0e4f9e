using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace StaticLink.Tests.Shared;

/// <summary>
/// Runs the machine's tools (gcc, musl-gcc, binutils, dotnet, the programs the tests build) to completion and
/// captures both streams, without the deadlock of reading one after the other. A missing tool is reported with the
/// package that installs it, so a new machine or CI image knows what to add.
/// </summary>
internal static class ExternalTool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Variables a `dotnet test` host passes down that would pin a nested `dotnet` to the outer SDK's MSBuild.</summary>
    private static readonly string[] HostVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH",
    ];

    /// <summary>
    /// Runs <paramref name="tool"/> and returns what it did, whatever its exit code. The C locale keeps the tools'
    /// output in the language the tests parse. A run longer than <paramref name="timeout"/> (five minutes unless
    /// given) is killed and throws.
    /// </summary>
    public static ProcessResult Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in argumentList)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in HostVariables)
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + tool);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed; the tests need it ({InstallHint(tool)}): {exception.Message}", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? DefaultTimeout;
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException(
                    $"{tool} {string.Join(" ", argumentList)} was killed after {limit.TotalSeconds} s:\n{stdout.Result}{stderr.Result}");
            }

            Task.WaitAll(stdout, stderr);
            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Runs a tool that must succeed, and returns its standard output; a failure throws with its errors.</summary>
    public static string RunChecked(string tool, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var argumentList = arguments.ToList();
        var result = Run(tool, argumentList, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(" ", argumentList)} failed with exit code {result.ExitCode}: {result.StandardError}");
        }

        return result.StandardOutput;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>How to install a tool the tests run, on Debian.</summary>
    private static string InstallHint(string tool) => Path.GetFileName(tool) switch
    {
        "gcc" => "apt-get install gcc libc6-dev zlib1g-dev",
        "musl-gcc" => "apt-get install musl-tools",
        "readelf" or "objcopy" or "strip" => "apt-get install binutils",
        "mkfifo" => "apt-get install coreutils",
        "dotnet" => "install the .NET SDK",
        var other => "install " + other,
    };
}
