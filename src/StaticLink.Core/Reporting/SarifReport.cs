using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The findings as a SARIF 2.1.0 log, in the subset GitHub code scanning reads: one rule per code that can appear
/// (so a rule's index never changes between runs), its help page and default level; one result per finding, located
/// relative to a base id whose directory is in originalUriBaseIds, with a stable partial fingerprint and the package,
/// target, library, rule and fix in its property bag.
/// </summary>
public static class SarifReport
{
    /// <summary>The base id when locations are relative to the checked root (the publish directory).</summary>
    public const string PublishRootId = "PUBLISHROOT";

    /// <summary>The base id when locations are relative to a directory that holds the checked root (the repository).</summary>
    public const string SourceRootId = "SRCROOT";

    public const string SchemaVersion = "2.1.0";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // A file, never embedded in HTML: keep '<', '>', '&', '\'' and non-ASCII readable instead of \u escapes.
        Encoder = JsonRequiredEscaping.Instance,
    };

    public static void Write(CheckReport report, Stream output, SarifOptions? options = null)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        options ??= new SarifOptions();
        var (baseId, baseDirectory, prefix) = BaseOf(report, options);

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("version", SchemaVersion);
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, options);

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(baseId);
        json.WriteString("uri", SarifUris.DirectoryUri(baseDirectory));
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var finding in report.Findings)
        {
            WriteResult(json, finding, baseId, baseDirectory, prefix, options);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    public static string ToSarif(CheckReport report, SarifOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(report, stream, options);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the log to a file, creating its directory.</summary>
    public static void WriteFile(CheckReport report, string path, SarifOptions? options = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(report, stream, options);
    }

    /// <summary>The index of a code's rule in tool.driver.rules: its place in <see cref="DiagnosticDescriptions.Codes"/>.</summary>
    public static int RuleIndex(string code)
    {
        for (var index = 0; index < DiagnosticDescriptions.Codes.Count; index++)
        {
            if (DiagnosticDescriptions.Codes[index] == code)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>note for information, as SARIF names it.</summary>
    public static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>The base id, its directory, and the checked root's path below it ("" when the base is the root itself).</summary>
    private static (string Id, string Directory, string Prefix) BaseOf(CheckReport report, SarifOptions options)
    {
        var root = string.IsNullOrEmpty(report.Root) ? "." : report.Root;

        // A single file checked: its directory is the root its path is relative to.
        if (File.Exists(root))
        {
            root = Path.GetDirectoryName(Path.GetFullPath(root)) ?? root;
        }

        if (!string.IsNullOrWhiteSpace(options.BaseDirectory) && SarifUris.PrefixBelow(options.BaseDirectory!, root) is { } prefix)
        {
            return (SourceRootId, options.BaseDirectory!, prefix);
        }

        return (PublishRootId, root, string.Empty);
    }

    private static void WriteTool(Utf8JsonWriter json, SarifOptions options)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "StaticLink");
        json.WriteString("version", options.ToolVersion ?? SarifOptions.EngineVersion);
        if (options.InformationUri() is { } information)
        {
            json.WriteString("informationUri", information.AbsoluteUri);
        }

        json.WriteStartArray("rules");
        foreach (var code in DiagnosticDescriptions.Codes)
        {
            WriteRule(json, code, options);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, string code, SarifOptions options)
    {
        var title = DiagnosticDescriptions.Title(code);
        var level = Level(DiagnosticDescriptions.DefaultSeverity(code));
        var help = options.HelpUri(code);
        json.WriteStartObject();
        json.WriteString("id", code);
        json.WriteString("name", DiagnosticDescriptions.Name(code));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", MarkdownText.FirstSentence(title));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", title + " " + SeverityClass(code));
        json.WriteEndObject();
        if (help is not null)
        {
            json.WriteString("helpUri", help.AbsoluteUri);
        }

        json.WriteStartObject("help");
        var page = help?.AbsoluteUri ?? JsonReport.HelpPath(code);
        json.WriteString("text", title + " What it means, how to fix it and how to suppress it: " + page);
        json.WriteString("markdown", MarkdownText.Escape(title) + " What it means, how to fix it and how to suppress it: [" + code + "](" + page + ").");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", level);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string SeverityClass(string code) => DiagnosticDescriptions.DefaultSeverity(code) switch
    {
        FindingSeverity.Error => "An error by default: the output will not load (or not as configured) on the target, and the publish fails.",
        FindingSeverity.Warning => "A warning by default: the output loads, but a part of it may fail on the target at run time.",
        _ => "Information by default: nothing fails; it explains a verdict.",
    };

    private static void WriteResult(Utf8JsonWriter json, Finding finding, string baseId, string baseDirectory, string prefix, SarifOptions options)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Code);
        var ruleIndex = RuleIndex(finding.Code);
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        WriteArtifact(json, finding, baseId, baseDirectory, prefix, options);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("partialFingerprints");
        json.WriteString(SarifFingerprint.Key, SarifFingerprint.Of(finding));
        json.WriteEndObject();

        json.WriteStartObject("properties");
        WriteOptional(json, "package", finding.Package);
        WriteOptional(json, "target", finding.Target);
        WriteOptional(json, "library", finding.Library);
        WriteOptional(json, "rule", finding.Rule);
        WriteOptional(json, "fix", finding.Fix?.PlainText());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A file of the output relative to the base; a configuration finding at the configuration file (relative when it
    /// is below the base, absolute otherwise) or, without one, at the checked root itself.
    /// </summary>
    private static void WriteArtifact(Utf8JsonWriter json, Finding finding, string baseId, string baseDirectory, string prefix, SarifOptions options)
    {
        if (finding.File is { Length: > 0 } file)
        {
            // A file embedded in a single-file bundle ("app!/libfoo.so") is reported at its host, the file on disk.
            json.WriteString("uri", SarifUris.RelativeUri(prefix + Bundles.BundleNames.HostPath(file)));
            json.WriteString("uriBaseId", baseId);
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.ConfigurationFile))
        {
            var configuration = Path.GetFullPath(options.ConfigurationFile!);
            var directory = Path.GetDirectoryName(configuration) ?? configuration;
            if (SarifUris.PrefixBelow(baseDirectory, directory) is { } below)
            {
                json.WriteString("uri", SarifUris.RelativeUri(below + Path.GetFileName(configuration)));
                json.WriteString("uriBaseId", baseId);
            }
            else
            {
                json.WriteString("uri", new Uri(configuration).AbsoluteUri);
            }

            return;
        }

        json.WriteString("uri", prefix.Length == 0 ? "./" : SarifUris.RelativeUri(prefix));
        json.WriteString("uriBaseId", baseId);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
