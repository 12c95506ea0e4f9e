using System;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Loading;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>The tree as JSON: per target its roots, each NEEDED entry with how it resolves, nested as in the text.</summary>
public static class DependencyTreeJson
{
    public static void Write(DependencyTreeReport report, Stream stream)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonRequiredEscaping.Instance });
        writer.WriteStartObject();
        writer.WriteString("root", report.Root);
        writer.WriteString("runtimeIdentifier", report.RuntimeIdentifier);
        writer.WriteStartArray("targets");
        foreach (var tree in report.Trees)
        {
            writer.WriteStartObject();
            writer.WriteString("target", tree.Target.Id);
            writer.WriteStartArray("roots");
            foreach (var root in tree.Roots)
            {
                writer.WriteStartObject();
                writer.WriteString("path", root.Name);
                WriteNeeded(writer, root);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>bundled, target, musl, unreachable or missing.</summary>
    public static string KindName(NeededResolutionKind kind) => kind switch
    {
        NeededResolutionKind.Output => "bundled",
        NeededResolutionKind.Target => "target",
        NeededResolutionKind.MuslReserved => "musl",
        NeededResolutionKind.Unreachable => "unreachable",
        _ => "missing",
    };

    private static void WriteNeeded(Utf8JsonWriter writer, DependencyNode node)
    {
        writer.WriteStartArray("needed");
        foreach (var child in node.Children)
        {
            var resolution = child.Resolution!;
            writer.WriteStartObject();
            writer.WriteString("name", child.Name);
            writer.WriteString("resolution", KindName(resolution.Kind));
            if (resolution.OutputFile is { } file)
            {
                writer.WriteString("path", file.RelativePath);
            }

            if (resolution.TargetLibrary?.Path is { Length: > 0 } targetPath)
            {
                writer.WriteString("targetPath", targetPath);
            }

            if (child.Repeat != DependencyRepeat.None)
            {
                writer.WriteString("repeat", child.Repeat == DependencyRepeat.Cycle ? "cycle" : "alreadySeen");
            }

            if (child.Children.Count > 0)
            {
                WriteNeeded(writer, child);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
