using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Runs GNU readelf over many files, several per invocation, and parses what the differential test compares.
/// With more than one file readelf prints a "File: NAME" line before each file's output; stderr cannot be matched to
/// a file that way, so a batch that wrote to stderr is re-run one file at a time.
/// </summary>
internal static partial class Readelf
{
    private const int BatchSize = 64;

    public static string? Path => ExternalTool.FindOnPath("readelf");

    public static IReadOnlyDictionary<string, ReadelfFacts> Describe(IReadOnlyList<string> files, int parallelism = 2)
    {
        var tool = Path ?? throw new InvalidOperationException("GNU readelf is not installed (binutils)");
        var results = new ConcurrentDictionary<string, ReadelfFacts>(StringComparer.Ordinal);
        var batches = files.Chunk(BatchSize).ToList();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, batch =>
        {
            var run = ExternalTool.Run(tool, Arguments(batch));
            var parsed = Parse(run.StandardOutput, batch);
            if (!string.IsNullOrWhiteSpace(run.StandardError))
            {
                foreach (var file in batch)
                {
                    var alone = ExternalTool.Run(tool, Arguments([file]));
                    var facts = Parse(alone.StandardOutput, [file])[file];
                    facts.Diagnostics.AddRange(alone.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                    parsed[file] = facts;
                }
            }

            foreach (var (file, facts) in parsed)
            {
                results[file] = facts;
            }
        });
        return results;
    }

    private static List<string> Arguments(IEnumerable<string> files) => ["-W", "-d", "-l", "-V", .. files];

    /// <summary>Parses readelf -W -d -l -V output for the given files (in the order they were passed).</summary>
    public static Dictionary<string, ReadelfFacts> Parse(string output, IReadOnlyList<string> files)
    {
        var result = files.Distinct(StringComparer.Ordinal).ToDictionary(f => f, f => new ReadelfFacts(f), StringComparer.Ordinal);
        var current = files.Count == 1 ? result[files[0]] : null;
        var inVersionNeeds = false;
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (files.Count > 1 && line.StartsWith("File: ", StringComparison.Ordinal))
            {
                var name = line["File: ".Length..];
                current = result.TryGetValue(name, out var facts)
                    ? facts
                    : throw new FormatException($"readelf reported a file that was not asked for: {name}");
                inVersionNeeds = false;
                continue;
            }

            if (current is null || line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                // Any unindented line starts a new part of the output.
                inVersionNeeds = line.StartsWith("Version needs section", StringComparison.Ordinal);
                continue;
            }

            var interpreter = InterpreterLine().Match(line);
            if (interpreter.Success)
            {
                current.Interpreter = interpreter.Groups[1].Value;
                continue;
            }

            var dynamic = DynamicLine().Match(line);
            if (dynamic.Success)
            {
                var value = dynamic.Groups[2].Value;
                (dynamic.Groups[1].Value switch
                {
                    "NEEDED" => current.Needed,
                    "SONAME" => current.Sonames,
                    "RPATH" => current.Rpaths,
                    _ => current.Runpaths,
                }).Add(value);
                continue;
            }

            if (inVersionNeeds)
            {
                var file = VerneedLine().Match(line);
                if (file.Success)
                {
                    current.VersionNeeds.Add((file.Groups[1].Value, []));
                    continue;
                }

                var aux = VernauxLine().Match(line);
                if (aux.Success && current.VersionNeeds.Count > 0)
                {
                    current.VersionNeeds[^1].Versions.Add(aux.Groups[1].Value);
                }
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\s+\[Requesting program interpreter: (.*)\]$")]
    private static partial Regex InterpreterLine();

    [GeneratedRegex(@"^\s*0x[0-9a-f]+ \((NEEDED|SONAME|RPATH|RUNPATH)\)\s+(?:Shared library|Library soname|Library rpath|Library runpath): \[(.*)\]$")]
    private static partial Regex DynamicLine();

    [GeneratedRegex(@"^\s+(?:0x)?[0-9a-f]+: Version: \d+\s+File: (.*?)\s+Cnt: \d+$")]
    private static partial Regex VerneedLine();

    [GeneratedRegex(@"^\s+0x[0-9a-f]+:\s+Name: (.*?)\s+Flags: .*Version: \d+$")]
    private static partial Regex VernauxLine();
}
