using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace StaticLink.Tests.Shared;

/// <summary>What a fault run's JSON report says: the files it lists and each finding's code and file.</summary>
internal sealed class FaultReport
{
    private FaultReport(IReadOnlyList<string> files, IReadOnlyList<string> findings)
    {
        Files = files;
        Findings = findings;
    }

    /// <summary>The "path" of every entry of "files".</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every finding as "CODE FILE" (the file empty when the finding has none).</summary>
    public IReadOnlyList<string> Findings { get; }

    /// <summary>Parses the report with System.Text.Json; a missing or malformed report fails the test.</summary>
    public static FaultReport Read(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"the JSON report {path} was not written");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var files = new List<string>();
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            files.Add(file.GetProperty("path").GetString() ?? string.Empty);
        }

        var findings = new List<string>();
        foreach (var finding in root.GetProperty("findings").EnumerateArray())
        {
            var file = finding.TryGetProperty("file", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            findings.Add(finding.GetProperty("code").GetString() + " " + (file ?? string.Empty));
        }

        return new FaultReport(files, findings);
    }

    /// <summary>The findings the run should have: one SL1010 per named file, nothing else.</summary>
    public static string[] Unreadable(params string[] files) => Array.ConvertAll(files, file => "SL1010 " + file);
}
