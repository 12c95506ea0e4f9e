using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Elf;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Targets;

/// <summary>
/// The target file format (docs/target-file.md, docs/target-file.schema.json): what `staticlink target capture`
/// writes and what StaticLinkTarget / --target read, and the format of every built-in catalogue entry.
/// </summary>
public static class TargetFile
{
    public const int SchemaVersion = 1;

    private static readonly string[] KnownProperties =
    [
        "$schema", "schemaVersion", "id", "aliases", "kind", "title", "source", "architecture", "libc", "environment", "libraries", "libcSymbols", "libcSymbolSet",
    ];

    /// <summary>Reads a target file; throws <see cref="TargetFileException"/> with the reason for anything unusable.</summary>
    public static TargetDescription Load(string path, Func<string, string, ISet<string>?>? symbolSets = null)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (!JsonFile.TryRead(path, out var text, out var reason))
        {
            throw new TargetFileException($"the target file '{path}' {reason}");
        }

        return Parse(text, path, symbolSets);
    }

    /// <param name="symbolSets">Resolves a libcSymbolSet name (musl-1.2.4) for an architecture (x86_64) to its symbols.</param>
    public static TargetDescription Parse(string json, string sourceName, Func<string, string, ISet<string>?>? symbolSets = null)
    {
        using var parsed = JsonSource.TryParse(json ?? string.Empty, out var syntaxProblem)
            ?? throw new TargetFileException($"{sourceName}: {syntaxProblem}");
        var source = new TargetFileSource(parsed, sourceName);
        var root = parsed.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw source.Problem(string.Empty, $"the document is {JsonSource.KindName(root)}, expected an object");
        }

        foreach (var member in root.EnumerateObject())
        {
            if (Array.IndexOf(KnownProperties, member.Name) < 0)
            {
                throw source.Problem(JsonSource.Child(string.Empty, member.Name), $"unknown property \"{member.Name}\" (known: {string.Join(", ", KnownProperties)})");
            }
        }

        if (JsonSource.Member(root, "schemaVersion") is { } version && (version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1"))
        {
            throw source.Problem("/schemaVersion", "schemaVersion must be 1");
        }

        var id = RequiredString(source, root, string.Empty, "id");
        var kind = ParseKind(OptionalString(source, root, string.Empty, "kind") ?? "root-filesystem", source);
        var architecture = OptionalString(source, root, string.Empty, "architecture") ?? string.Empty;
        if (architecture.Length > 0 && TargetArchitecture.FromRidName(architecture) is null)
        {
            throw source.Problem("/architecture", $"architecture \"{architecture}\" is not a RID architecture (x64, arm64, arm, x86, ...)");
        }

        var (libc, libcVersion) = ParseLibc(source, JsonSource.Member(root, "libc"));
        var libraries = ParseLibraries(source, JsonSource.Member(root, "libraries"));
        ISet<string>? symbols = null;
        if (JsonSource.Member(root, "libcSymbols") is { } inline)
        {
            symbols = new HashSet<string>(StringArray(source, inline, "/libcSymbols", "libcSymbols"), StringComparer.Ordinal);
        }
        else if (OptionalString(source, root, string.Empty, "libcSymbolSet") is { } setName)
        {
            var machine = TargetArchitecture.FromRidName(architecture)?.MachineName ?? "x86_64";
            symbols = symbolSets?.Invoke(setName, machine)
                ?? throw source.Problem("/libcSymbolSet", $"libcSymbolSet \"{setName}\" is not a known symbol set for {machine}");
        }

        return new TargetDescription(id, kind, architecture, libc, libcVersion, libraries)
        {
            Aliases = JsonSource.Member(root, "aliases") is { } aliases ? StringArray(source, aliases, "/aliases", "aliases") : [],
            Title = OptionalString(source, root, string.Empty, "title") ?? string.Empty,
            Source = OptionalString(source, root, string.Empty, "source") ?? string.Empty,
            LibcSymbols = symbols,
            Environment = ParseEnvironment(source, JsonSource.Member(root, "environment")),
        };
    }

    /// <summary>Writes a target in the file format, libraries in the order given (a capture sorts them by path).</summary>
    public static void Write(TargetDescription target, TextWriter output)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        using (var jsonOutput = new JsonOutput(output))
        {
            WriteTarget(target, jsonOutput.Json);
        }

        output.WriteLine();
    }

    public static string KindName(TargetKind kind) => kind switch
    {
        TargetKind.Image => "image",
        TargetKind.Distribution => "distribution",
        TargetKind.Floor => "floor",
        TargetKind.Policy => "policy",
        _ => "root-filesystem",
    };

    private static void WriteTarget(TargetDescription target, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("id", target.Id);
        JsonOutput.WriteStrings(json, "aliases", target.Aliases);
        json.WriteString("kind", KindName(target.Kind));
        json.WriteString("title", target.Title);
        json.WriteString("source", target.Source);
        json.WriteString("architecture", target.ArchitectureName);
        json.WriteStartObject("libc");
        json.WriteString("flavor", target.Libc == LibcFlavor.None ? "none" : ElfNames.Libc(target.Libc));
        json.WriteString("version", target.LibcVersion?.Text);
        json.WriteEndObject();
        json.WriteStartObject("environment");
        var names = new List<string>(target.Environment.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            json.WriteString(name, target.Environment[name]);
        }

        json.WriteEndObject();
        json.WriteStartArray("libraries");
        foreach (var library in target.Libraries)
        {
            json.WriteStartObject();
            json.WriteString("soname", library.Soname);
            json.WriteString("path", library.Path);
            JsonOutput.WriteStrings(json, "versions", library.Versions);
            if (library.VersionCeilings.Count > 0)
            {
                json.WriteStartObject("versionCeilings");
                foreach (var ceiling in library.VersionCeilings)
                {
                    json.WriteString(ceiling.Key, ceiling.Value.Text);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (target.LibcSymbols is { } symbols)
        {
            var sorted = new List<string>(symbols);
            sorted.Sort(StringComparer.Ordinal);
            JsonOutput.WriteStrings(json, "libcSymbols", sorted);
        }

        json.WriteEndObject();
    }

    private static TargetKind ParseKind(string text, TargetFileSource source) => text switch
    {
        "image" => TargetKind.Image,
        "distribution" => TargetKind.Distribution,
        "floor" => TargetKind.Floor,
        "policy" => TargetKind.Policy,
        "root-filesystem" => TargetKind.RootFilesystem,
        _ => throw source.Problem("/kind", $"kind \"{text}\" is not one of image, distribution, floor, policy, root-filesystem"),
    };

    private static (LibcFlavor Flavor, VersionNumber? Version) ParseLibc(TargetFileSource source, JsonElement? found)
    {
        if (found is not { } value)
        {
            throw new TargetFileException($"{source.Name}: \"libc\" is missing (e.g. {{ \"flavor\": \"glibc\", \"version\": \"2.36\" }}, or {{ \"flavor\": \"none\" }})");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw source.Problem("/libc", $"libc is {JsonSource.KindName(value)}, expected an object");
        }

        var flavorText = RequiredString(source, value, "/libc", "flavor");
        var flavor = flavorText switch
        {
            "glibc" => LibcFlavor.Glibc,
            "musl" => LibcFlavor.Musl,
            "none" => LibcFlavor.None,
            _ => throw source.Problem("/libc/flavor", $"libc.flavor \"{flavorText}\" is not one of glibc, musl, none"),
        };
        VersionNumber? version = null;
        if (OptionalString(source, value, "/libc", "version") is { } text && !VersionNumber.TryParse(text, out version))
        {
            throw source.Problem("/libc/version", $"libc.version \"{text}\" is not a version such as 2.36");
        }

        return (flavor, version);
    }

    private static List<TargetLibrary> ParseLibraries(TargetFileSource source, JsonElement? found)
    {
        var libraries = new List<TargetLibrary>();
        if (found is not { } value)
        {
            return libraries;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw source.Problem("/libraries", $"libraries is {JsonSource.KindName(value)}, expected an array");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = JsonSource.Child("/libraries", index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw source.Problem(at, $"a library is {JsonSource.KindName(item)}, expected an object with soname, path and versions");
            }

            var soname = RequiredString(source, item, at, "soname");
            var path = OptionalString(source, item, at, "path");
            var versions = JsonSource.Member(item, "versions") is { } list ? StringArray(source, list, JsonSource.Child(at, "versions"), "versions") : [];
            var ceilings = new Dictionary<string, VersionNumber>(StringComparer.Ordinal);
            if (JsonSource.Member(item, "versionCeilings") is { } table)
            {
                var tableAt = JsonSource.Child(at, "versionCeilings");
                if (table.ValueKind != JsonValueKind.Object)
                {
                    throw source.Problem(tableAt, $"versionCeilings of {soname} is {JsonSource.KindName(table)}, expected an object such as {{ \"GLIBC\": \"2.28\" }}");
                }

                foreach (var ceiling in table.EnumerateObject())
                {
                    if (ceiling.Value.ValueKind != JsonValueKind.String || !VersionNumber.TryParse(ceiling.Value.GetString(), out var number))
                    {
                        throw source.Problem(JsonSource.Child(tableAt, ceiling.Name), $"versionCeilings.{ceiling.Name} of {soname} is not a version string such as \"2.28\"");
                    }

                    ceilings[ceiling.Name] = number!;
                }
            }

            libraries.Add(new TargetLibrary(soname, path, versions, ceilings));
        }

        return libraries;
    }

    private static Dictionary<string, string> ParseEnvironment(TargetFileSource source, JsonElement? found)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (found is not { } value)
        {
            return environment;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw source.Problem("/environment", $"environment is {JsonSource.KindName(value)}, expected an object of NAME: value");
        }

        foreach (var member in value.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String)
            {
                throw source.Problem(JsonSource.Child("/environment", member.Name), $"environment.{member.Name} is {JsonSource.KindName(member.Value)}, expected a string");
            }

            environment[member.Name] = member.Value.GetString()!;
        }

        return environment;
    }

    /// <param name="ownerAt">The pointer of <paramref name="owner"/>: a missing member is reported where its owner starts.</param>
    private static string RequiredString(TargetFileSource source, JsonElement owner, string ownerAt, string name) =>
        OptionalString(source, owner, ownerAt, name) is { Length: > 0 } text
            ? text
            : throw source.Problem(ownerAt, $"\"{name}\" is missing or empty");

    private static string? OptionalString(TargetFileSource source, JsonElement owner, string ownerAt, string name)
    {
        if (JsonSource.Member(owner, name) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw source.Problem(JsonSource.Child(ownerAt, name), $"\"{name}\" is {JsonSource.KindName(value)}, expected a string");
    }

    private static List<string> StringArray(TargetFileSource source, JsonElement value, string at, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw source.Problem(at, $"\"{name}\" is {JsonSource.KindName(value)}, expected an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw source.Problem(JsonSource.Child(at, index), $"an item of \"{name}\" is {JsonSource.KindName(item)}, expected a string");
            }

            items.Add(item.GetString()!);
            index++;
        }

        return items;
    }
}
