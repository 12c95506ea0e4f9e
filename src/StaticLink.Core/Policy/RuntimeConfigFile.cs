using System;
using System.IO;
using StaticLink.Core.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Policy;

/// <summary>
/// The TFM an output was published for, from its *.runtimeconfig.json ("runtimeOptions": { "tfm": "net8.0" }), so
/// that the command line checks against the right .NET floor without being told. Null when there is none (NativeAOT
/// writes none) or it cannot be read.
/// </summary>
public static class RuntimeConfigFile
{
    public static string? TargetFramework(string? root)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(root) || !Directory.Exists(root))
            {
                return null;
            }

            foreach (var path in Directory.GetFiles(root!, "*.runtimeconfig.json"))
            {
                if (!JsonFile.TryRead(path, out var text, out _))
                {
                    continue;
                }

                var document = JsonReader.Parse(text);
                if (document["runtimeOptions"]?["tfm"] is { Kind: JsonValueKind.String, Text: { Length: > 0 } tfm })
                {
                    return tfm;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonParseException)
        {
            // An unreadable runtime config only means the floor of the newest .NET is used.
        }

        return null;
    }
}
