using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// Native tools for the static profile's tests: GNU readelf as the ground truth for "no interpreter, no NEEDED",
/// gcc/musl-gcc to build real musl binaries, and running a published executable.
/// </summary>
internal static class StaticProfileTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs a program and returns its exit code and everything it printed (standard output, then errors).</summary>
    public static (int ExitCode, string Output) Run(string program, string? workingDirectory, params string[] arguments)
    {
        var result = ExternalTool.Run(program, arguments, workingDirectory, Timeout);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Builds a C file with a compiler and its options into <paramref name="output"/>; fails the test when the compiler does.</summary>
    public static void Compile(string compiler, string source, string output, params string[] options)
    {
        var directory = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(directory);
        var sourceFile = output + ".c";
        File.WriteAllText(sourceFile, source);
        var (exitCode, text) = Run(compiler, directory, [.. options, "-o", output, sourceFile]);
        Assert.That(exitCode, Is.Zero, $"{compiler} failed: {text}");
    }

    /// <summary>readelf's view: the PT_INTERP path (or null) and the NEEDED entries, from `readelf --wide -l -d`.</summary>
    public static (string? Interpreter, string[] Needed, string Text) ReadElf(string path)
    {
        var (exitCode, text) = Run("readelf", null, "--wide", "--program-headers", "--dynamic", path);
        Assert.That(exitCode, Is.Zero, $"readelf failed on {path}: {text}");
        var lines = text.Split('\n');
        var interpreter = lines
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("[Requesting program interpreter: ", StringComparison.Ordinal))
            .Select(line => line["[Requesting program interpreter: ".Length..].TrimEnd(']'))
            .FirstOrDefault();
        var needed = lines
            .Where(line => line.Contains("(NEEDED)", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf('[', StringComparison.Ordinal) + 1)..line.LastIndexOf(']')])
            .ToArray();
        return (interpreter, needed, text);
    }

    /// <summary>The JSON report the check wrote for a publish.</summary>
    public static JsonDocument Report(ScenarioProject project, string targetFramework, string runtimeIdentifier)
    {
        var path = Path.Combine(project.IntermediateDirectory(targetFramework, runtimeIdentifier), "staticlink", "report.json");
        Assert.That(File.Exists(path), Is.True, path);
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>The "files" entry of a report for one path of the output.</summary>
    public static JsonElement ReportedFile(JsonDocument report, string path) =>
        report.RootElement.GetProperty("files").EnumerateArray().Single(file => file.GetProperty("path").GetString() == path);

    /// <summary>The line of StaticLink's text summary that lists a file of the output.</summary>
    public static string SummaryRow(string output, string path)
    {
        var row = new Regex("^\\s+" + Regex.Escape(path) + "\\s+[0-9.]+ (B|KiB|MiB|GiB)\\s");
        return output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => row.IsMatch(line)).Distinct().Single();
    }

    /// <summary>One SL1008 and no other error; no NativeAOT compilation, no link, no native output (net8.0, linux-x64).</summary>
    public static MSBuildDiagnostic AssertOnlyEarlyProfileError(CommandResult result, ScenarioProject project, string name)
    {
        const string Rid = "linux-x64";
        var errors = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").ToArray();
        Assert.That(errors.Select(diagnostic => diagnostic.Code), Is.EqualTo(new[] { "SL1008" }), result.ToString());
        Assert.That(errors[0].File, Does.Contain("StaticLink.Sdk.Profile.targets("), "reported by the profile's targets");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Not.Contain("Generating native code"), "the NativeAOT compiler did not run");
            Assert.That(result.Output, Does.Not.Contain("IlcCompile:"));
            Assert.That(result.Output, Does.Not.Contain("LinkNative:"));
            Assert.That(result.Output, Does.Not.Contain("error NETSDK"), "stopped before the SDK's own checks could fail");
            Assert.That(Directory.Exists(Path.Combine(project.IntermediateDirectory("net8.0", Rid), "native")), Is.False, "no native object was written");
            Assert.That(File.Exists(Path.Combine(project.PublishDirectory("net8.0", Rid), name)), Is.False, "nothing was published");
            Assert.That(result.Output, Does.Not.Match(@"StaticLink: \d+ native files? of"), "the post-publish check did not run");
        });
        return errors[0];
    }
}
