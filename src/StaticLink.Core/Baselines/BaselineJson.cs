using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Json;

namespace StaticLink.Core.Baselines;

/// <summary>
/// The baseline file (docs/baseline.md): written with <see cref="Utf8JsonWriter"/>, indented and sorted so that a
/// change to the output is a small diff in review; read with <see cref="JsonDocument"/>, naming the JSON path of
/// the first thing that is wrong. Properties this version does not know are skipped, so a newer StaticLink's
/// additions do not break an older one.
/// </summary>
public static class BaselineJson
{
    /// <summary>More than any baseline of a real output; a bigger file is not a baseline.</summary>
    public const long MaximumLength = 64L * 1024 * 1024;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static void Write(Baseline baseline, Stream stream)
    {
        if (baseline is null)
        {
            throw new ArgumentNullException(nameof(baseline));
        }

        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonRequiredEscaping.Instance });
        writer.WriteStartObject();
        writer.WriteNumber("version", Baseline.FormatVersion);
        if (baseline.RuntimeIdentifier is { } rid)
        {
            writer.WriteString("runtimeIdentifier", rid);
        }

        JsonOutput.WriteStrings(writer, "targets", baseline.Targets);
        writer.WriteStartArray("files");
        foreach (var file in baseline.Files)
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            JsonOutput.WriteStrings(writer, "libraries", file.Libraries);
            writer.WriteStartArray("versionFloors");
            foreach (var floor in file.VersionFloors)
            {
                writer.WriteStartObject();
                writer.WriteString("library", floor.Library);
                writer.WriteString("version", floor.Version);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteFindings(writer, file.Findings);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteFindings(writer, baseline.OutputFindings);
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes the file whole or not at all: a temporary file beside it is renamed over it.</summary>
    public static void WriteFile(Baseline baseline, string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                Write(baseline, stream);
            }

            if (File.Exists(full))
            {
                File.Replace(temporary, full, null);
            }
            else
            {
                File.Move(temporary, full);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a baseline file. I/O errors are left to the caller; anything wrong inside it throws <see cref="BaselineFormatException"/>.</summary>
    public static Baseline ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaximumLength)
        {
            throw new BaselineFormatException(string.Format(CultureInfo.InvariantCulture, "the file is {0} bytes, more than a baseline can be ({1})", info.Length, MaximumLength));
        }

        return Read(File.ReadAllBytes(path));
    }

    public static Baseline Read(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException exception)
        {
            throw new BaselineFormatException(string.Format(
                CultureInfo.InvariantCulture,
                "it is not valid JSON (line {0}, byte {1} of the line)",
                (exception.LineNumber ?? 0) + 1,
                (exception.BytePositionInLine ?? 0) + 1), exception);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static Baseline Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "$");
        if (!root.TryGetProperty("version", out var version))
        {
            throw new BaselineFormatException("$.version is missing: a baseline starts with { \"version\": 1, ... }");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
        {
            throw new BaselineFormatException("$.version is " + Describe(version) + ", expected the number 1");
        }

        if (number > Baseline.FormatVersion)
        {
            throw new BaselineFormatException(string.Format(CultureInfo.InvariantCulture, "$.version is {0}: the file was written by a newer StaticLink, which this one ({1}) cannot read", number, Baseline.FormatVersion));
        }

        var rid = OptionalString(root, "runtimeIdentifier", "$");
        var targets = Strings(root, "targets", "$");
        var files = new List<BaselineFileEntry>();
        if (root.TryGetProperty("files", out var fileArray))
        {
            Expect(fileArray, JsonValueKind.Array, "$.files");
            var index = 0;
            foreach (var file in fileArray.EnumerateArray())
            {
                var where = "$.files[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                Expect(file, JsonValueKind.Object, where);
                var path = OptionalString(file, "path", where);
                if (string.IsNullOrEmpty(path))
                {
                    throw new BaselineFormatException(where + ".path is missing or empty: each file entry names its path relative to the publish root");
                }

                var relative = FindingIdentity.RelativeFile(path)!;
                files.Add(new BaselineFileEntry(relative, Strings(file, "libraries", where), Floors(file, where), Findings(file, where, relative)));
                index++;
            }
        }

        return new Baseline(rid, targets, files, Findings(root, "$", null));
    }

    private static void WriteFindings(Utf8JsonWriter writer, IReadOnlyList<FindingIdentity> findings)
    {
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            if (finding.Library is { } library)
            {
                writer.WriteString("library", library);
            }

            if (finding.Subject is { } subject)
            {
                writer.WriteString("subject", subject);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<FindingIdentity> Findings(JsonElement owner, string where, string? file) =>
        Objects(owner, "findings", where, (item, at) =>
        {
            var code = OptionalString(item, "code", at);
            if (string.IsNullOrEmpty(code))
            {
                throw new BaselineFormatException(at + ".code is missing or empty: each finding names its code, e.g. \"SL1001\"");
            }

            return new FindingIdentity(code!, file, NullIfEmpty(OptionalString(item, "library", at)), NullIfEmpty(OptionalString(item, "subject", at)));
        });

    private static List<VersionFloor> Floors(JsonElement file, string where) =>
        Objects(file, "versionFloors", where, (item, at) =>
        {
            var library = OptionalString(item, "library", at);
            var version = OptionalString(item, "version", at);
            if (string.IsNullOrEmpty(library) || string.IsNullOrEmpty(version))
            {
                throw new BaselineFormatException(at + " needs \"library\" and \"version\", e.g. { \"library\": \"libc.so.6\", \"version\": \"GLIBC_2.34\" }");
            }

            return new VersionFloor(library!, version!);
        });

    /// <summary>The optional array <paramref name="name"/> of objects, each read by <paramref name="read"/> with its JSON path.</summary>
    private static List<T> Objects<T>(JsonElement owner, string name, string where, Func<JsonElement, string, T> read)
    {
        var items = new List<T>();
        if (!owner.TryGetProperty(name, out var array))
        {
            return items;
        }

        Expect(array, JsonValueKind.Array, where + "." + name);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = where + "." + name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            Expect(item, JsonValueKind.Object, at);
            items.Add(read(item, at));
            index++;
        }

        return items;
    }

    private static List<string> Strings(JsonElement owner, string name, string where)
    {
        var strings = new List<string>();
        if (!owner.TryGetProperty(name, out var array))
        {
            return strings;
        }

        Expect(array, JsonValueKind.Array, where + "." + name);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            Expect(item, JsonValueKind.String, where + "." + name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            strings.Add(item.GetString()!);
            index++;
        }

        return strings;
    }

    private static string? OptionalString(JsonElement owner, string name, string where)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.String, where + "." + name);
        return value.GetString();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where)
    {
        if (element.ValueKind != kind)
        {
            throw new BaselineFormatException(where + " is " + Describe(element) + ", expected " + Article(kind));
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.String => "the string \"" + element.GetString() + "\"",
        _ => Article(element.ValueKind),
    };

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
