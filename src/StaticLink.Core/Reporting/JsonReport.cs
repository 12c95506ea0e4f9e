using System;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The JSON report, one format for the MSBuild task and the command line. Field names are stable; new fields may
/// be added, so readers should ignore what they do not know. <see cref="SchemaVersion"/> changes only when a field
/// changes meaning or disappears.
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    public static void Write(CheckReport report, TextWriter output)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var json = new JsonWriter(output);
        json.StartObject();
        json.Property("schemaVersion", SchemaVersion);
        json.Property("tool", "StaticLink");
        json.Property("root", report.Root);
        json.Property("rid", report.RuntimeIdentifier);
        json.Property("policy", report.PolicyName);
        json.Property("passed", !report.HasErrors);

        // Which targets were checked against, and why each (named, the container settings, .NET's floor).
        json.Name("targets");
        json.StartArray();
        foreach (var target in report.Targets)
        {
            json.StartObject();
            json.Property("id", target.Id);
            json.Property("origin", OriginName(target.Origin));
            json.Property("reason", target.Reason);
            json.Property("title", target.Title);
            json.Property("source", target.Source);
            json.EndObject();
        }

        json.EndArray();

        json.Name("files");
        json.StartArray();
        foreach (var file in report.Files)
        {
            WriteFile(json, file);
        }

        json.EndArray();

        json.Name("findings");
        json.StartArray();
        foreach (var finding in report.Findings)
        {
            WriteFinding(json, finding);
        }

        json.EndArray();

        json.Name("pinvoke");
        json.StartArray();
        foreach (var target in report.PInvokeTargets)
        {
            WriteTarget(json, target);
        }

        json.EndArray();

        var summary = ReportSummary.Of(report);
        json.Name("summary");
        json.StartObject();
        json.Property("examinedFiles", summary.ExaminedFiles);
        json.Property("nativeFiles", summary.NativeFiles);
        json.Property("passed", summary.Passed);
        json.Property("warned", summary.Warned);
        json.Property("failed", summary.Failed);
        json.Property("ignored", summary.Ignored);
        json.Property("alternatives", summary.Alternatives);
        json.Property("errors", summary.Errors);
        json.Property("warnings", summary.Warnings);
        json.Property("infos", summary.Infos);
        json.EndObject();

        json.EndObject();
        output.WriteLine();
    }

    public static string ToJson(CheckReport report)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report to a file, creating its directory.</summary>
    public static void WriteFile(CheckReport report, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        Write(report, writer);
    }

    private static void WriteFile(JsonWriter json, FileReport file)
    {
        var elf = file.Elf;
        json.StartObject();
        json.Property("path", file.Path);
        json.Property("size", file.Size);
        json.Property("kind", file.Kind);
        json.Property("machine", elf?.MachineName);
        json.Property("linkage", elf is null ? null : ElfNames.Linkage(elf.Linkage));
        json.Property("libc", file.Libc);
        json.Property("fullyStatic", file.FullyStatic);
        json.Property("interpreter", elf?.Interpreter);
        json.Property("soname", elf?.Soname);
        json.StringArray("needed", elf?.Needed ?? []);
        json.StringArray("bundled", file.Bundled);
        json.StringArray("external", file.External);
        json.StringArray("runtimeLoaded", file.RuntimeLoaded);
        json.Property("minimumGlibc", file.MinimumGlibc);
        if (elf is not null)
        {
            json.StringArray("rpath", elf.Rpath);
            json.StringArray("runpath", elf.Runpath);
            json.Property("stripped", elf.Stripped);
        }

        // Sizes: what stripping saves on an unstripped file, and what a stripped one weighed with its debug file.
        NumberOrNull(json, "strippedSize", file.StrippedSize);
        json.Property("debugCompanion", file.DebugCompanion);
        NumberOrNull(json, "debugCompanionSize", file.DebugCompanionSize);
        NumberOrNull(json, "unstrippedSize", file.UnstrippedSize);

        json.Property("verdict", file.Verdict);
        json.Property("package", file.Package);
        if (file.Container is not null)
        {
            json.Property("container", file.Container);
        }

        if (file.Bundle is { } bundle)
        {
            json.Name("bundle");
            json.StartObject();
            json.Property("version", bundle.MajorVersion.ToString(CultureInfo.InvariantCulture) + "." + bundle.MinorVersion.ToString(CultureInfo.InvariantCulture));
            json.Property("id", bundle.BundleId);
            json.Property("files", bundle.Entries.Count);
            json.Property("note", file.BundleNote);
            json.EndObject();
        }

        if (file.IgnoredReason is not null)
        {
            json.Property("ignoredReason", file.IgnoredReason);
        }

        if (file.Error is not null)
        {
            json.Property("error", file.Error);
            if (file.ErrorOffset is { } offset)
            {
                json.Property("errorOffset", offset);
            }
        }

        json.EndObject();
    }

    private static void WriteTarget(JsonWriter json, PInvokeTargetReport target)
    {
        json.StartObject();
        json.Property("assembly", target.Assembly);
        json.Property("module", target.Module);
        json.Property("library", target.Library);
        json.Property("resolution", target.Resolution);
        json.Property("resolvedBy", target.ResolvedBy);
        json.Property("imports", target.ImportCount);
        json.EndObject();
    }

    private static void NumberOrNull(JsonWriter json, string name, long? value)
    {
        json.Name(name);
        if (value is { } number)
        {
            json.Value(number);
        }
        else
        {
            json.Null();
        }
    }

    private static void WriteFinding(JsonWriter json, Finding finding)
    {
        json.StartObject();
        json.Property("code", finding.Code);
        json.Property("severity", SeverityName(finding.Severity));
        json.Property("file", finding.File);
        json.Property("library", finding.Library);
        json.Property("package", finding.Package);
        json.Property("target", finding.Target);
        json.Property("rule", finding.Rule);
        json.Property("message", finding.Message);
        WriteFix(json, finding.Fix);
        json.Property("help", HelpPath(finding.Code));
        json.EndObject();
    }

    /// <summary>"fix": { "steps": [ { "kind": "allowLibrary", "library": "libz.so.1" }, ... ], "text": "..." }, or null.</summary>
    private static void WriteFix(JsonWriter json, FindingFix? fix)
    {
        json.Name("fix");
        if (fix is null)
        {
            json.Null();
            return;
        }

        json.StartObject();
        json.Name("steps");
        json.StartArray();
        foreach (var step in fix.Steps)
        {
            json.StartObject();
            foreach (var field in step.Fields())
            {
                json.Property(field.Name, field.Value);
            }

            json.EndObject();
        }

        json.EndArray();
        json.Property("text", fix.PlainText());
        json.EndObject();
    }

    /// <summary>named, container or dotnet-floor.</summary>
    public static string OriginName(Targets.TargetOrigin origin) => origin switch
    {
        Targets.TargetOrigin.Named => "named",
        Targets.TargetOrigin.ContainerSettings => "container",
        _ => "dotnet-floor",
    };

    /// <summary>error, warning or info.</summary>
    public static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The help page of a code, relative to the repository root.</summary>
    public static string HelpPath(string code) => "docs/diagnostics/" + code + ".md";
}
