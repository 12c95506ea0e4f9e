using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace StaticLink.Cli.Tests;

/// <summary>GNU readelf's view of a file, the ground truth the JSON is compared with.</summary>
internal sealed partial class ReadElf
{
    private ReadElf()
    {
    }

    public string? Interpreter { get; private set; }

    public List<string> Needed { get; } = [];

    public string? Soname { get; private set; }

    public List<string> Rpath { get; } = [];

    public List<string> Runpath { get; } = [];

    /// <summary>Library and version names in file order.</summary>
    public List<KeyValuePair<string, List<string>>> VersionNeeds { get; } = [];

    public static ReadElf Of(string path)
    {
        var (exitCode, output, error) = NativeBuild.Run("readelf", "--wide", "--program-headers", "--dynamic", "--version-info", path);
        Assert.That(exitCode, Is.Zero, $"readelf failed on {path}: {error}");
        var facts = new ReadElf();
        var inVersionNeeds = false;
        List<string>? versions = null;
        foreach (var line in output.Split('\n'))
        {
            if (facts.Interpreter is null && InterpreterLine().Match(line) is { Success: true } interpreter)
            {
                facts.Interpreter = interpreter.Groups[1].Value;
            }

            if (DynamicLine().Match(line) is { Success: true } dynamic)
            {
                var value = dynamic.Groups[2].Value;
                switch (dynamic.Groups[1].Value)
                {
                    case "NEEDED": facts.Needed.Add(value); break;
                    case "SONAME": facts.Soname = value; break;
                    case "RPATH": facts.Rpath.AddRange(value.Split(':')); break;
                    case "RUNPATH": facts.Runpath.AddRange(value.Split(':')); break;
                }
            }

            if (line.StartsWith("Version needs section", System.StringComparison.Ordinal))
            {
                inVersionNeeds = true;
                continue;
            }

            if (line.StartsWith("Version ", System.StringComparison.Ordinal) || line.StartsWith("Dynamic section", System.StringComparison.Ordinal))
            {
                inVersionNeeds = false;
            }

            if (!inVersionNeeds)
            {
                continue;
            }

            if (NeedFileLine().Match(line) is { Success: true } file)
            {
                versions = [];
                facts.VersionNeeds.Add(new KeyValuePair<string, List<string>>(file.Groups[1].Value, versions));
            }
            else if (versions is not null && NeedNameLine().Match(line) is { Success: true } name)
            {
                versions.Add(name.Groups[1].Value);
            }
        }

        return facts;
    }


    [GeneratedRegex(@"\[Requesting program interpreter: (.*)\]$")]
    private static partial Regex InterpreterLine();

    [GeneratedRegex(@"^\s*0x[0-9a-f]+ \((NEEDED|SONAME|RPATH|RUNPATH)\)\s+[A-Za-z ]+: \[(.*)\]$")]
    private static partial Regex DynamicLine();

    [GeneratedRegex(@"^\s*0*x?[0-9a-f]+: Version: \d+\s+File: (\S+)\s+Cnt: \d+")]
    private static partial Regex NeedFileLine();

    [GeneratedRegex(@"^\s*0x[0-9a-f]+:\s+Name: (\S+)\s+Flags:")]
    private static partial Regex NeedNameLine();
}
