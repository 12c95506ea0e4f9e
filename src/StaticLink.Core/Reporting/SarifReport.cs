using System;
using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The findings as a SARIF 2.1.0 log, for code-scanning views. Locations are relative to the checked root, given as
/// the OUTPUT base id; library, rule and fix travel in each result's property bag.
/// </summary>
public static class SarifReport
{
    public const string BaseId = "OUTPUT";

    public static void Write(CheckReport report, TextWriter output)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var json = new JsonWriter(output);
        json.StartObject();
        json.Property("version", "2.1.0");
        json.Name("runs");
        json.StartArray();
        json.StartObject();

        var rules = new List<string>();
        foreach (var finding in report.Findings)
        {
            if (!rules.Contains(finding.Code))
            {
                rules.Add(finding.Code);
            }
        }

        rules.Sort(StringComparer.Ordinal);
        WriteTool(json, rules);

        json.Name("originalUriBaseIds");
        json.StartObject();
        json.Name(BaseId);
        json.StartObject();
        json.Property("uri", DirectoryUri(report.Root));
        json.EndObject();
        json.EndObject();

        json.Name("results");
        json.StartArray();
        foreach (var finding in report.Findings)
        {
            WriteResult(json, finding, rules.IndexOf(finding.Code));
        }

        json.EndArray();
        json.EndObject();
        json.EndArray();
        json.EndObject();
        output.WriteLine();
    }

    public static string ToSarif(CheckReport report)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(report, writer);
        return writer.ToString();
    }

    private static void WriteTool(JsonWriter json, List<string> rules)
    {
        json.Name("tool");
        json.StartObject();
        json.Name("driver");
        json.StartObject();
        json.Property("name", "StaticLink");
        json.Name("rules");
        json.StartArray();
        foreach (var code in rules)
        {
            json.StartObject();
            json.Property("id", code);
            json.Property("name", DiagnosticDescriptions.Name(code));
            json.Name("shortDescription");
            json.StartObject();
            json.Property("text", DiagnosticDescriptions.Title(code));
            json.EndObject();
            json.Name("help");
            json.StartObject();
            json.Property("text", "See " + JsonReport.HelpPath(code) + ".");
            json.EndObject();
            json.Name("defaultConfiguration");
            json.StartObject();
            json.Property("level", Level(DiagnosticDescriptions.DefaultSeverity(code)));
            json.EndObject();
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        json.EndObject();
    }

    private static void WriteResult(JsonWriter json, Finding finding, int ruleIndex)
    {
        json.StartObject();
        json.Property("ruleId", finding.Code);
        json.Property("ruleIndex", ruleIndex);
        json.Property("level", Level(finding.Severity));
        json.Name("message");
        json.StartObject();
        json.Property("text", finding.Message);
        json.EndObject();
        if (finding.File is not null)
        {
            json.Name("locations");
            json.StartArray();
            json.StartObject();
            json.Name("physicalLocation");
            json.StartObject();
            json.Name("artifactLocation");
            json.StartObject();
            if (Path.IsPathRooted(finding.File))
            {
                json.Property("uri", new Uri(Path.GetFullPath(finding.File)).AbsoluteUri);
            }
            else
            {
                json.Property("uri", RelativeUri(finding.File));
                json.Property("uriBaseId", BaseId);
            }

            json.EndObject();
            json.EndObject();
            json.EndObject();
            json.EndArray();
        }

        json.Name("properties");
        json.StartObject();
        json.Property("library", finding.Library);
        json.Property("rule", finding.Rule);
        json.Property("fix", finding.Fix?.PlainText());
        json.EndObject();
        json.EndObject();
    }

    private static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    private static string RelativeUri(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        for (var index = 0; index < parts.Length; index++)
        {
            parts[index] = Uri.EscapeDataString(parts[index]);
        }

        return string.Join("/", parts);
    }

    private static string DirectoryUri(string root)
    {
        if (string.IsNullOrEmpty(root))
        {
            return "./";
        }

        var full = Path.GetFullPath(root);
        var uri = new Uri(full).AbsoluteUri;
        return uri.Length > 0 && uri[uri.Length - 1] == '/' ? uri : uri + "/";
    }
}
