using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The JSON contract of <c>staticlink inspect --format json</c>: <c>{"files": [...]}</c>, one object per file with
/// every field always present (null when it does not apply), in the order of the contract. Other tools consume this:
/// names and value spellings do not change.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "EndDocument disposes it: an InspectWriter is not used after EndDocument, and what it holds is memory only.")]
public sealed class InspectJsonWriter : InspectWriter
{
    private static readonly string[] FactNames =
    [
        "class", "endianness", "machine", "type", "interpreter", "needed", "soname", "rpath", "runpath",
        "versionNeeds", "linkage", "libc", "stripped", "debugInfo", "buildId", "pie", "relro", "nx", "bindNow",
        "textrel",
    ];

    // What Utf8JsonWriter holds before it is handed on: about what the command line's output buffer holds.
    private const int FlushThreshold = 1 << 16;

    private readonly JsonOutput _jsonOutput;
    private readonly Utf8JsonWriter _json;

    public InspectJsonWriter(TextWriter output)
        : base(output)
    {
        _jsonOutput = new JsonOutput(output);
        _json = _jsonOutput.Json;
    }

    public override void StartDocument()
    {
        _json.WriteStartObject();
        _json.WritePropertyName("files");
        _json.WriteStartArray();
    }

    public override void Write(ElfInspection inspection)
    {
        _ = inspection ?? throw new ArgumentNullException(nameof(inspection));
        var elf = inspection.Kind == ElfInspectionKind.Elf ? inspection.File : null;
        _json.WriteStartObject();
        _json.WriteString("path", inspection.Path);
        _json.WriteString("kind", ElfNames.InspectionKind(inspection.Kind));
        _json.WriteString("error", inspection.Kind == ElfInspectionKind.Error ? DescribeError(inspection) : null);
        if (elf is null)
        {
            WriteNullFacts();
        }
        else
        {
            WriteFacts(elf);
        }

        _json.WriteEndObject();
        if (_json.BytesPending > FlushThreshold)
        {
            _jsonOutput.Flush();
        }
    }

    public override void EndDocument()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _jsonOutput.Dispose();
        Output.Write('\n');
    }

    /// <summary>The reason, with the offset where a malformed file went wrong.</summary>
    public static string DescribeError(ElfInspection inspection)
    {
        _ = inspection ?? throw new ArgumentNullException(nameof(inspection));
        var reason = inspection.Error ?? "unknown error";
        return inspection.ErrorOffset is { } offset
            ? reason + " (at offset 0x" + offset.ToString("x", CultureInfo.InvariantCulture) + ")"
            : reason;
    }

    private void WriteFacts(ElfFile elf)
    {
        if (elf.Class == ElfClass.Elf32 || elf.Class == ElfClass.Elf64)
        {
            _json.WriteNumber("class", elf.Class == ElfClass.Elf32 ? 32 : 64);
        }
        else
        {
            _json.WriteNull("class");
        }

        _json.WriteString("endianness", ElfNames.Endianness(elf.Endianness));
        _json.WriteString("machine", elf.MachineName);
        _json.WriteString("type", ElfNames.FileType(elf.Type));
        _json.WriteString("interpreter", elf.Interpreter);
        WriteStrings("needed", elf.Needed);
        _json.WriteString("soname", elf.Soname);
        WriteStrings("rpath", elf.Rpath);
        WriteStrings("runpath", elf.Runpath);
        WriteVersionNeeds(elf.VersionNeeds);
        _json.WriteString("linkage", ElfNames.Linkage(elf.Linkage));
        _json.WriteString("libc", ElfNames.Libc(elf.Libc));
        _json.WriteBoolean("stripped", elf.Stripped);
        _json.WriteBoolean("debugInfo", elf.HasDebugInfo);
        _json.WriteString("buildId", elf.BuildId);
        _json.WriteBoolean("pie", elf.Pie);
        _json.WriteString("relro", ElfNames.Relro(elf.Relro));
        _json.WriteBoolean("nx", elf.Nx);
        _json.WriteBoolean("bindNow", elf.BindNow);
        _json.WriteBoolean("textrel", elf.TextRel);
    }

    // A file that is not ELF has none of these facts: null keeps the shape of every object the same.
    private void WriteNullFacts()
    {
        foreach (var name in FactNames)
        {
            _json.WriteNull(name);
        }
    }

    // A JSON object cannot repeat a key; two Verneed entries for one library (legal, if odd) are merged in file order.
    private void WriteVersionNeeds(IReadOnlyList<ElfVersionNeed> needs)
    {
        _json.WriteStartObject("versionNeeds");
        for (var i = 0; i < needs.Count; i++)
        {
            var library = needs[i].Library;
            if (IsRepeat(needs, i))
            {
                continue;
            }

            _json.WriteStartArray(library);
            for (var j = i; j < needs.Count; j++)
            {
                if (needs[j].Library != library)
                {
                    continue;
                }

                foreach (var version in needs[j].Versions)
                {
                    _json.WriteStringValue(version);
                }
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
    }

    private void WriteStrings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            _json.WriteStringValue(values[i]);
        }

        _json.WriteEndArray();
    }

    private static bool IsRepeat(IReadOnlyList<ElfVersionNeed> needs, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (needs[i].Library == needs[index].Library)
            {
                return true;
            }
        }

        return false;
    }
}

