using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;
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

        using (var jsonOutput = new JsonOutput(output))
        {
            WriteReport(report, jsonOutput.Json);
        }

        output.WriteLine();
    }

    private static void WriteReport(CheckReport report, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("tool", "StaticLink");
        json.WriteString("root", report.Root);
        json.WriteString("rid", report.RuntimeIdentifier);
        json.WriteString("policy", report.PolicyName);
        json.WriteBoolean("passed", !report.HasErrors);

        // Which targets were checked against, and why each (named, the container settings, .NET's floor).
        json.WriteStartArray("targets");
        foreach (var target in report.Targets)
        {
            json.WriteStartObject();
            json.WriteString("id", target.Id);
            json.WriteString("origin", OriginName(target.Origin));
            json.WriteString("reason", target.Reason);
            json.WriteString("title", target.Title);
            json.WriteString("source", target.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("files");
        foreach (var file in report.Files)
        {
            WriteFile(json, file);
        }

        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(json, finding);
        }

        json.WriteEndArray();

        json.WriteStartArray("pinvoke");
        foreach (var target in report.PInvokeTargets)
        {
            WriteTarget(json, target);
        }

        json.WriteEndArray();

        var summary = ReportSummary.Of(report);
        json.WriteStartObject("summary");
        json.WriteNumber("examinedFiles", summary.ExaminedFiles);
        json.WriteNumber("nativeFiles", summary.NativeFiles);
        json.WriteNumber("passed", summary.Passed);
        json.WriteNumber("warned", summary.Warned);
        json.WriteNumber("failed", summary.Failed);
        json.WriteNumber("ignored", summary.Ignored);
        json.WriteNumber("alternatives", summary.Alternatives);
        json.WriteNumber("errors", summary.Errors);
        json.WriteNumber("warnings", summary.Warnings);
        json.WriteNumber("infos", summary.Infos);
        json.WriteEndObject();

        json.WriteEndObject();
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
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            Write(report, writer);
        });
    }

    private static void WriteFile(Utf8JsonWriter json, FileReport file)
    {
        var elf = file.Elf;
        json.WriteStartObject();
        json.WriteString("path", file.Path);
        json.WriteNumber("size", file.Size);
        json.WriteString("kind", file.Kind.ToReportText());
        json.WriteString("machine", elf?.MachineName);
        json.WriteString("linkage", elf is null ? null : ElfNames.Linkage(elf.Linkage));
        json.WriteString("libc", file.Libc);
        json.WriteBoolean("fullyStatic", file.FullyStatic);
        json.WriteString("interpreter", elf?.Interpreter);
        json.WriteString("soname", elf?.Soname);
        JsonOutput.WriteStrings(json, "needed", elf?.Needed ?? []);
        JsonOutput.WriteStrings(json, "bundled", file.Bundled);
        JsonOutput.WriteStrings(json, "external", file.External);
        JsonOutput.WriteStrings(json, "runtimeLoaded", file.RuntimeLoaded);
        json.WriteString("minimumGlibc", file.MinimumGlibc);
        if (elf is not null)
        {
            JsonOutput.WriteStrings(json, "rpath", elf.Rpath);
            JsonOutput.WriteStrings(json, "runpath", elf.Runpath);
            json.WriteBoolean("stripped", elf.Stripped);
        }

        // Sizes: what stripping saves on an unstripped file, and what a stripped one weighed with its debug file.
        NumberOrNull(json, "strippedSize", file.StrippedSize);
        json.WriteString("debugCompanion", file.DebugCompanion);
        NumberOrNull(json, "debugCompanionSize", file.DebugCompanionSize);
        NumberOrNull(json, "unstrippedSize", file.UnstrippedSize);

        json.WriteString("verdict", file.Verdict.ToReportText());
        json.WriteString("package", file.Package);
        if (file.Container is not null)
        {
            json.WriteString("container", file.Container);
        }

        if (file.Bundle is { } bundle)
        {
            json.WriteStartObject("bundle");
            json.WriteString("version", bundle.MajorVersion.ToString(CultureInfo.InvariantCulture) + "." + bundle.MinorVersion.ToString(CultureInfo.InvariantCulture));
            json.WriteString("id", bundle.BundleId);
            json.WriteNumber("files", bundle.Entries.Count);
            json.WriteString("note", file.BundleNote);
            json.WriteEndObject();
        }

        if (file.IgnoredReason is not null)
        {
            json.WriteString("ignoredReason", file.IgnoredReason);
        }

        if (file.Error is not null)
        {
            json.WriteString("error", file.Error);
            if (file.ErrorOffset is { } offset)
            {
                json.WriteNumber("errorOffset", offset);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter json, PInvokeTargetReport target)
    {
        json.WriteStartObject();
        json.WriteString("assembly", target.Assembly);
        json.WriteString("module", target.Module);
        json.WriteString("library", target.Library);
        json.WriteString("resolution", target.Resolution.ToReportText());
        json.WriteString("resolvedBy", target.ResolvedBy);
        json.WriteNumber("imports", target.ImportCount);
        json.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("code", finding.Code);
        json.WriteString("severity", SeverityName(finding.Severity));
        json.WriteString("file", finding.File);
        json.WriteString("library", finding.Library);
        json.WriteString("package", finding.Package);
        json.WriteString("target", finding.Target);
        json.WriteString("rule", finding.Rule);
        json.WriteString("message", finding.Message);
        WriteFix(json, finding.Fix);
        json.WriteString("help", HelpPath(finding.Code));
        json.WriteEndObject();
    }

    /// <summary>"fix": { "steps": [ { "kind": "allowLibrary", "library": "libz.so.1" }, ... ], "text": "..." }, or null.</summary>
    private static void WriteFix(Utf8JsonWriter json, FindingFix? fix)
    {
        if (fix is null)
        {
            json.WriteNull("fix");
            return;
        }

        json.WriteStartObject("fix");
        json.WriteStartArray("steps");
        foreach (var step in fix.Steps)
        {
            json.WriteStartObject();
            foreach (var field in step.Fields())
            {
                json.WriteString(field.Name, field.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("text", fix.PlainText());
        json.WriteEndObject();
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
