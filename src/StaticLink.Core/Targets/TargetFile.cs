using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
        JsonValue root;
        try
        {
            root = JsonReader.Parse(json ?? string.Empty);
        }
        catch (JsonParseException exception)
        {
            throw new TargetFileException($"{sourceName}: line {exception.Line}, column {exception.Column}: {exception.Reason}", exception);
        }

        if (root.Kind != JsonValueKind.Object)
        {
            throw Problem(sourceName, root, $"the document is {root.KindName}, expected an object");
        }

        foreach (var member in root.Members)
        {
            if (Array.IndexOf(KnownProperties, member.Key) < 0)
            {
                throw Problem(sourceName, member.Value, $"unknown property \"{member.Key}\" (known: {string.Join(", ", KnownProperties)})");
            }
        }

        var version = root["schemaVersion"];
        if (version is not null && (version.Kind != JsonValueKind.Number || version.Text != "1"))
        {
            throw Problem(sourceName, version, "schemaVersion must be 1");
        }

        var id = RequiredString(root, "id", sourceName);
        var kind = ParseKind(OptionalString(root, "kind", sourceName) ?? "root-filesystem", root, sourceName);
        var architecture = OptionalString(root, "architecture", sourceName) ?? string.Empty;
        if (architecture.Length > 0 && TargetArchitecture.FromRidName(architecture) is null)
        {
            throw Problem(sourceName, root["architecture"]!, $"architecture \"{architecture}\" is not a RID architecture (x64, arm64, arm, x86, ...)");
        }

        var (libc, libcVersion) = ParseLibc(root["libc"], sourceName);
        var libraries = ParseLibraries(root["libraries"], sourceName);
        ISet<string>? symbols = null;
        if (root["libcSymbols"] is { } inline)
        {
            symbols = new HashSet<string>(StringArray(inline, "libcSymbols", sourceName), StringComparer.Ordinal);
        }
        else if (OptionalString(root, "libcSymbolSet", sourceName) is { } setName)
        {
            var machine = TargetArchitecture.FromRidName(architecture)?.MachineName ?? "x86_64";
            symbols = symbolSets?.Invoke(setName, machine)
                ?? throw Problem(sourceName, root["libcSymbolSet"]!, $"libcSymbolSet \"{setName}\" is not a known symbol set for {machine}");
        }

        return new TargetDescription(id, kind, architecture, libc, libcVersion, libraries)
        {
            Aliases = root["aliases"] is { } aliases ? StringArray(aliases, "aliases", sourceName) : [],
            Title = OptionalString(root, "title", sourceName) ?? string.Empty,
            Source = OptionalString(root, "source", sourceName) ?? string.Empty,
            LibcSymbols = symbols,
            Environment = ParseEnvironment(root["environment"], sourceName),
        };
    }

    /// <summary>Writes a target in the file format, libraries in the order given (a capture sorts them by path).</summary>
    public static void Write(TargetDescription target, TextWriter output)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var json = new JsonWriter(output);
        json.StartObject();
        json.Property("schemaVersion", SchemaVersion);
        json.Property("id", target.Id);
        json.StringArray("aliases", target.Aliases);
        json.Property("kind", KindName(target.Kind));
        json.Property("title", target.Title);
        json.Property("source", target.Source);
        json.Property("architecture", target.ArchitectureName);
        json.Name("libc");
        json.StartObject();
        json.Property("flavor", target.Libc == LibcFlavor.None ? "none" : ElfNames.Libc(target.Libc));
        json.Property("version", target.LibcVersion?.Text);
        json.EndObject();
        json.Name("environment");
        json.StartObject();
        var names = new List<string>(target.Environment.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            json.Property(name, target.Environment[name]);
        }

        json.EndObject();
        json.Name("libraries");
        json.StartArray();
        foreach (var library in target.Libraries)
        {
            json.StartObject();
            json.Property("soname", library.Soname);
            json.Property("path", library.Path);
            json.StringArray("versions", library.Versions);
            if (library.VersionCeilings.Count > 0)
            {
                json.Name("versionCeilings");
                json.StartObject();
                foreach (var ceiling in library.VersionCeilings)
                {
                    json.Property(ceiling.Key, ceiling.Value.Text);
                }

                json.EndObject();
            }

            json.EndObject();
        }

        json.EndArray();
        if (target.LibcSymbols is { } symbols)
        {
            var sorted = new List<string>(symbols);
            sorted.Sort(StringComparer.Ordinal);
            json.StringArray("libcSymbols", sorted);
        }

        json.EndObject();
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

    private static TargetKind ParseKind(string text, JsonValue root, string sourceName) => text switch
    {
        "image" => TargetKind.Image,
        "distribution" => TargetKind.Distribution,
        "floor" => TargetKind.Floor,
        "policy" => TargetKind.Policy,
        "root-filesystem" => TargetKind.RootFilesystem,
        _ => throw Problem(sourceName, root["kind"]!, $"kind \"{text}\" is not one of image, distribution, floor, policy, root-filesystem"),
    };

    private static (LibcFlavor Flavor, VersionNumber? Version) ParseLibc(JsonValue? value, string sourceName)
    {
        if (value is null)
        {
            throw new TargetFileException($"{sourceName}: \"libc\" is missing (e.g. {{ \"flavor\": \"glibc\", \"version\": \"2.36\" }}, or {{ \"flavor\": \"none\" }})");
        }

        if (value.Kind != JsonValueKind.Object)
        {
            throw Problem(sourceName, value, $"libc is {value.KindName}, expected an object");
        }

        var flavorText = RequiredString(value, "flavor", sourceName);
        var flavor = flavorText switch
        {
            "glibc" => LibcFlavor.Glibc,
            "musl" => LibcFlavor.Musl,
            "none" => LibcFlavor.None,
            _ => throw Problem(sourceName, value["flavor"]!, $"libc.flavor \"{flavorText}\" is not one of glibc, musl, none"),
        };
        VersionNumber? version = null;
        if (OptionalString(value, "version", sourceName) is { } text && !VersionNumber.TryParse(text, out version))
        {
            throw Problem(sourceName, value["version"]!, $"libc.version \"{text}\" is not a version such as 2.36");
        }

        return (flavor, version);
    }

    private static List<TargetLibrary> ParseLibraries(JsonValue? value, string sourceName)
    {
        var libraries = new List<TargetLibrary>();
        if (value is null)
        {
            return libraries;
        }

        if (value.Kind != JsonValueKind.Array)
        {
            throw Problem(sourceName, value, $"libraries is {value.KindName}, expected an array");
        }

        foreach (var item in value.Items)
        {
            if (item.Kind != JsonValueKind.Object)
            {
                throw Problem(sourceName, item, $"a library is {item.KindName}, expected an object with soname, path and versions");
            }

            var soname = RequiredString(item, "soname", sourceName);
            var path = OptionalString(item, "path", sourceName);
            var versions = item["versions"] is { } list ? StringArray(list, "versions", sourceName) : [];
            var ceilings = new Dictionary<string, VersionNumber>(StringComparer.Ordinal);
            if (item["versionCeilings"] is { } table)
            {
                if (table.Kind != JsonValueKind.Object)
                {
                    throw Problem(sourceName, table, $"versionCeilings of {soname} is {table.KindName}, expected an object such as {{ \"GLIBC\": \"2.28\" }}");
                }

                foreach (var ceiling in table.Members)
                {
                    if (ceiling.Value.Kind != JsonValueKind.String || !VersionNumber.TryParse(ceiling.Value.Text, out var number))
                    {
                        throw Problem(sourceName, ceiling.Value, $"versionCeilings.{ceiling.Key} of {soname} is not a version string such as \"2.28\"");
                    }

                    ceilings[ceiling.Key] = number!;
                }
            }

            libraries.Add(new TargetLibrary(soname, path, versions, ceilings));
        }

        return libraries;
    }

    private static Dictionary<string, string> ParseEnvironment(JsonValue? value, string sourceName)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is null)
        {
            return environment;
        }

        if (value.Kind != JsonValueKind.Object)
        {
            throw Problem(sourceName, value, $"environment is {value.KindName}, expected an object of NAME: value");
        }

        foreach (var member in value.Members)
        {
            if (member.Value.Kind != JsonValueKind.String)
            {
                throw Problem(sourceName, member.Value, $"environment.{member.Key} is {member.Value.KindName}, expected a string");
            }

            environment[member.Key] = member.Value.Text!;
        }

        return environment;
    }

    private static string RequiredString(JsonValue owner, string name, string sourceName) =>
        OptionalString(owner, name, sourceName) is { Length: > 0 } text
            ? text
            : throw new TargetFileException($"{sourceName}: line {owner.Line}, column {owner.Column}: \"{name}\" is missing or empty");

    private static string? OptionalString(JsonValue owner, string name, string sourceName)
    {
        var value = owner[name];
        if (value is null || value.Kind == JsonValueKind.Null)
        {
            return null;
        }

        return value.Kind == JsonValueKind.String ? value.Text : throw Problem(sourceName, value, $"\"{name}\" is {value.KindName}, expected a string");
    }

    private static List<string> StringArray(JsonValue value, string name, string sourceName)
    {
        if (value.Kind != JsonValueKind.Array)
        {
            throw Problem(sourceName, value, $"\"{name}\" is {value.KindName}, expected an array of strings");
        }

        var items = new List<string>(value.Items.Count);
        foreach (var item in value.Items)
        {
            if (item.Kind != JsonValueKind.String)
            {
                throw Problem(sourceName, item, $"an item of \"{name}\" is {item.KindName}, expected a string");
            }

            items.Add(item.Text!);
        }

        return items;
    }

    private static TargetFileException Problem(string sourceName, JsonValue at, string reason) =>
        new(string.Format(CultureInfo.InvariantCulture, "{0}: line {1}, column {2}: {3}", sourceName, at.Line, at.Column, reason));
}
