using System.Collections.Generic;
using System.Text.Json;

namespace StaticLink.Cli.Tests;

/// <summary>Reads the values of the inspect JSON contract back into plain lists for exact comparisons.</summary>
internal static class Json
{
    /// <summary>Every name of the contract, in its order.</summary>
    public static readonly string[] ContractNames =
    [
        "path", "kind", "error", "class", "endianness", "machine", "type", "interpreter", "needed", "soname",
        "rpath", "runpath", "versionNeeds", "linkage", "libc", "stripped", "debugInfo", "buildId", "pie", "relro",
        "nx", "bindNow", "textrel",
    ];

    public static List<string> Names(JsonElement file)
    {
        var names = new List<string>();
        foreach (var property in file.EnumerateObject())
        {
            names.Add(property.Name);
        }

        return names;
    }

    public static string? String(JsonElement file, string name)
    {
        var value = file.GetProperty(name);
        Assert.That(value.ValueKind, Is.AnyOf(JsonValueKind.String, JsonValueKind.Null), name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    public static bool Bool(JsonElement file, string name)
    {
        var value = file.GetProperty(name);
        Assert.That(value.ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False), name);
        return value.GetBoolean();
    }

    public static List<string> Strings(JsonElement file, string name)
    {
        var value = file.GetProperty(name);
        Assert.That(value.ValueKind, Is.EqualTo(JsonValueKind.Array), name);
        var result = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            result.Add(item.GetString()!);
        }

        return result;
    }

    public static List<KeyValuePair<string, List<string>>> VersionNeeds(JsonElement file)
    {
        var value = file.GetProperty("versionNeeds");
        Assert.That(value.ValueKind, Is.EqualTo(JsonValueKind.Object), "versionNeeds");
        var result = new List<KeyValuePair<string, List<string>>>();
        foreach (var library in value.EnumerateObject())
        {
            var versions = new List<string>();
            foreach (var version in library.Value.EnumerateArray())
            {
                versions.Add(version.GetString()!);
            }

            result.Add(new KeyValuePair<string, List<string>>(library.Name, versions));
        }

        return result;
    }
}
