using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Reporting;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// Where each file of a publish output came from, read from the output's own *.deps.json (every native asset of a
/// package, and of the runtime pack, is listed there under its package id and version) and from the SDK's app host
/// layout (an executable beside its app's .dll and .runtimeconfig.json).
/// </summary>
public static class FileOrigins
{
    /// <summary>The origin of the SDK's app host: the check names its pack and its options in SL1004.</summary>
    public const string AppHostOrigin = "the .NET app host (the SDK's Microsoft.NETCore.App.Host pack)";

    /// <summary>How the origin of every file of the .NET runtime (its runtime packs) begins: "the .NET runtime (...)".</summary>
    public const string DotNetRuntimeOrigin = "the .NET runtime";

    private const string RuntimePackPrefix = "runtimepack.";

    /// <summary>True for an origin this class (or the task's publish items) gives the .NET runtime's own files.</summary>
    public static bool IsDotNetRuntime(string? origin) => origin is not null && origin.StartsWith(DotNetRuntimeOrigin, StringComparison.Ordinal);

    /// <summary>The explicit origins (the task's publish items) win over what the output says.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> preferred, IReadOnlyDictionary<string, string> other)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in other ?? new Dictionary<string, string>())
        {
            merged[pair.Key] = pair.Value;
        }

        foreach (var pair in preferred ?? new Dictionary<string, string>())
        {
            merged[pair.Key] = pair.Value;
        }

        return merged;
    }

    /// <summary>
    /// The origin of an output-relative path (a bundle's file as "host!/path"): by its path inside the bundle, its
    /// path, then its file name; null when none is known.
    /// </summary>
    public static string? Find(IReadOnlyDictionary<string, string> origins, string relativePath)
    {
        if (origins is null)
        {
            throw new ArgumentNullException(nameof(origins));
        }

        var bang = relativePath.IndexOf("!/", StringComparison.Ordinal);
        if (bang > 0 && origins.TryGetValue(relativePath.Substring(bang + 2), out var embedded))
        {
            return embedded;
        }

        return origins.TryGetValue(relativePath, out var origin) || origins.TryGetValue(ForwardSlashPath.FileName(relativePath), out origin)
            ? origin
            : null;
    }

    /// <summary>
    /// The explicit origins merged with what the output says. The deps.json files are read only when some native
    /// file, or some assembly with P/Invokes, has no explicit origin: the MSBuild task's publish items name the package
    /// of every file a package brought, and parsing a self-contained app's deps.json cost 3 to 4 ms of the gate in a
    /// publish. The app host is still found by its layout.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Complete(IReadOnlyDictionary<string, string> explicitOrigins, OutputScan scan)
    {
        if (explicitOrigins is null)
        {
            throw new ArgumentNullException(nameof(explicitOrigins));
        }

        if (scan is null)
        {
            throw new ArgumentNullException(nameof(scan));
        }

        var complete = explicitOrigins.Count > 0;
        foreach (var file in scan.Files)
        {
            complete &= Find(explicitOrigins, file.RelativePath) is not null || (file.RelativePath.IndexOf('/') < 0 && IsAppHost(scan.Root, file.RelativePath));
        }

        foreach (var assembly in scan.Assemblies)
        {
            complete &= assembly.PInvokeModules.Count == 0 || Find(explicitOrigins, assembly.RelativePath) is not null;
        }

        return Merge(explicitOrigins, Read(scan, readDepsContents: !complete));
    }

    /// <summary>The SDK's app host layout: an executable beside its app's .deps.json and .dll.</summary>
    private static bool IsAppHost(string root, string appName) =>
        File.Exists(Path.Combine(root, appName + ".deps.json"))
        && File.Exists(Path.Combine(root, appName + ".dll"))
        && File.Exists(Path.Combine(root, appName));

    /// <summary>
    /// Output-relative path or file name -> origin, from the deps.json files when <paramref name="readDepsContents"/>
    /// (a malformed one is skipped: the runtime reports it) and from the app host layout.
    /// </summary>
    private static Dictionary<string, string> Read(OutputScan scan, bool readDepsContents)
    {
        if (scan is null)
        {
            throw new ArgumentNullException(nameof(scan));
        }

        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] depsFiles;
        try
        {
            depsFiles = Directory.Exists(scan.Root) ? Directory.GetFiles(scan.Root, "*.deps.json") : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            depsFiles = [];
        }

        foreach (var depsFile in depsFiles)
        {
            if (readDepsContents)
            {
                ReadDeps(depsFile, origins);
            }

            var appName = Path.GetFileName(depsFile);
            appName = appName.Substring(0, appName.Length - ".deps.json".Length);
            if (IsAppHost(scan.Root, appName))
            {
                origins[appName] = AppHostOrigin;
            }
        }

        return origins;
    }

    private static void ReadDeps(string path, Dictionary<string, string> origins)
    {
        if (!JsonFile.TryRead(path, out var text, out _))
        {
            return;
        }

        using var document = JsonSource.TryParse(text, out _);
        if (document is null || JsonSource.Member(document.Root, "targets") is not { ValueKind: JsonValueKind.Object } targets)
        {
            return;
        }

        foreach (var target in targets.EnumerateObject())
        {
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var library in target.Value.EnumerateObject())
            {
                var origin = Describe(library.Name);
                foreach (var assets in new[] { JsonSource.Member(library.Value, "native"), JsonSource.Member(library.Value, "runtimeTargets") })
                {
                    if (assets is not { ValueKind: JsonValueKind.Object } assetTable)
                    {
                        continue;
                    }

                    foreach (var asset in assetTable.EnumerateObject())
                    {
                        origins[asset.Name] = origin;
                        var name = ForwardSlashPath.FileName(asset.Name);
                        if (!origins.ContainsKey(name))
                        {
                            origins[name] = origin;
                        }
                    }
                }
            }
        }
    }

    /// <summary>"SQLitePCLRaw.lib.e_sqlite3/2.1.11" -> "SQLitePCLRaw.lib.e_sqlite3 2.1.11"; the runtime pack -> "the .NET runtime (...)".</summary>
    private static string Describe(string key)
    {
        var slash = key.IndexOf('/');
        var id = slash < 0 ? key : key.Substring(0, slash);
        var version = slash < 0 ? string.Empty : key.Substring(slash + 1);
        var described = version.Length == 0 ? id : string.Join(" ", id, version);
        return id.StartsWith(RuntimePackPrefix, StringComparison.Ordinal)
            ? string.Join(string.Empty, DotNetRuntimeOrigin, " (", described.Substring(RuntimePackPrefix.Length), ")")
            : described;
    }
}
