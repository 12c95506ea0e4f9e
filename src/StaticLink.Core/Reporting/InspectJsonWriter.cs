using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The JSON contract of <c>staticlink inspect --format json</c>: <c>{"files": [...]}</c>, one object per file with
/// every field always present (null when it does not apply), in the order of the contract. Other tools consume this:
/// names and value spellings do not change.
/// </summary>
/// <remarks>
/// Written with the small <see cref="JsonWriter"/>, not <see cref="System.Text.Json.Utf8JsonWriter"/> as the report
/// and target files are: inspect is the command timed against scanelf, and Utf8JsonWriter (through
/// <see cref="JsonOutput"/>, relaxed escaping, straight to the UTF-8 stdout stream) cost more than the 5% allowed.
/// Measured on 2026-12-01, `inspect --format json --files-from LIST` over 3,681 ELF files (2 cores, load 50-70),
/// both builds side by side in 5 alternating hyperfine rounds of 10-15 runs: CPU (user+sys) 0.695 s with this writer,
/// 0.748 s with Utf8JsonWriter (+7.6%); median wall 3.40 s against 3.62 s (+6.3%). The output is byte-identical.
/// </remarks>
public sealed class InspectJsonWriter : InspectWriter
{
    private static readonly string[] FactNames =
    [
        "class", "endianness", "machine", "type", "interpreter", "needed", "soname", "rpath", "runpath",
        "versionNeeds", "linkage", "libc", "stripped", "debugInfo", "buildId", "pie", "relro", "nx", "bindNow",
        "textrel",
    ];

    private readonly JsonWriter _json;

    public InspectJsonWriter(TextWriter output)
        : base(output)
    {
        _json = new JsonWriter(output);
    }

    public override void StartDocument()
    {
        _json.StartObject();
        _json.Name("files");
        _json.StartArray();
    }

    public override void Write(ElfInspection inspection)
    {
        _ = inspection ?? throw new ArgumentNullException(nameof(inspection));
        var elf = inspection.Kind == ElfInspectionKind.Elf ? inspection.File : null;
        _json.StartObject();
        _json.Property("path", inspection.Path);
        _json.Property("kind", ElfNames.InspectionKind(inspection.Kind));
        _json.Property("error", inspection.Kind == ElfInspectionKind.Error ? DescribeError(inspection) : null);
        if (elf is null)
        {
            WriteNullFacts();
        }
        else
        {
            WriteFacts(elf);
        }

        _json.EndObject();
    }

    public override void EndDocument()
    {
        _json.EndArray();
        _json.EndObject();
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
        _json.Name("class");
        if (elf.Class == ElfClass.Elf32 || elf.Class == ElfClass.Elf64)
        {
            _json.Value(elf.Class == ElfClass.Elf32 ? 32L : 64L);
        }
        else
        {
            _json.Null();
        }

        _json.Property("endianness", ElfNames.Endianness(elf.Endianness));
        _json.Property("machine", elf.MachineName);
        _json.Property("type", ElfNames.FileType(elf.Type));
        _json.Property("interpreter", elf.Interpreter);
        _json.StringArray("needed", elf.Needed);
        _json.Property("soname", elf.Soname);
        _json.StringArray("rpath", elf.Rpath);
        _json.StringArray("runpath", elf.Runpath);
        WriteVersionNeeds(elf.VersionNeeds);
        _json.Property("linkage", ElfNames.Linkage(elf.Linkage));
        _json.Property("libc", ElfNames.Libc(elf.Libc));
        _json.Property("stripped", elf.Stripped);
        _json.Property("debugInfo", elf.HasDebugInfo);
        _json.Property("buildId", elf.BuildId);
        _json.Property("pie", elf.Pie);
        _json.Property("relro", ElfNames.Relro(elf.Relro));
        _json.Property("nx", elf.Nx);
        _json.Property("bindNow", elf.BindNow);
        _json.Property("textrel", elf.TextRel);
    }

    // A file that is not ELF has none of these facts: null keeps the shape of every object the same.
    private void WriteNullFacts()
    {
        foreach (var name in FactNames)
        {
            _json.Name(name);
            _json.Null();
        }
    }

    // A JSON object cannot repeat a key; two Verneed entries for one library (legal, if odd) are merged in file order.
    private void WriteVersionNeeds(IReadOnlyList<ElfVersionNeed> needs)
    {
        _json.Name("versionNeeds");
        _json.StartObject();
        for (var i = 0; i < needs.Count; i++)
        {
            var library = needs[i].Library;
            if (IsRepeat(needs, i))
            {
                continue;
            }

            _json.Name(library);
            _json.StartArray();
            for (var j = i; j < needs.Count; j++)
            {
                if (needs[j].Library != library)
                {
                    continue;
                }

                foreach (var version in needs[j].Versions)
                {
                    _json.Value(version);
                }
            }

            _json.EndArray();
        }

        _json.EndObject();
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

