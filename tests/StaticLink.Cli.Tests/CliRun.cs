using System.IO;
using System.Text.Json;

namespace StaticLink.Cli.Tests;

/// <summary>One in-process run of the command line: exit code, standard output and standard error.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => WithInput(string.Empty, args);

    public static CliRun WithInput(string standardInput, params string[] args)
    {
        using var input = new StringReader(standardInput);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CommandLine.Run(args, input, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The "files" array of an inspect --format json run.</summary>
    public JsonElement[] Files()
    {
        using var document = JsonDocument.Parse(Output);
        Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), Output);
        var files = document.RootElement.GetProperty("files");
        var result = new JsonElement[files.GetArrayLength()];
        var i = 0;
        foreach (var file in files.EnumerateArray())
        {
            result[i++] = file.Clone();
        }

        return result;
    }
}
