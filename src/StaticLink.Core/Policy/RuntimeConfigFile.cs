using System;
using System.IO;
using System.Text.Json;
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

                using var document = JsonSource.TryParse(text, out _);
                if (document is not null
                    && JsonSource.Member(document.Root, "runtimeOptions") is { } options
                    && JsonSource.Member(options, "tfm") is { ValueKind: JsonValueKind.String } tfm
                    && tfm.GetString() is { Length: > 0 } name)
                {
                    return name;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable runtime config only means the floor of the newest .NET is used.
        }

        return null;
    }
}
