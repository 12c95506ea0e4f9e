#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Targets.Capture;

/// <summary>
/// An image archive unpacked into a directory the way a container runtime builds the image's root filesystem:
/// `docker save` (manifest.json: Config, Layers) or an OCI image layout (index.json, then the manifest's config and
/// layers from blobs/sha256), layers plain or gzip'd, applied in order with the OCI whiteouts (".wh.NAME" deletes
/// NAME of the lower layers, ".wh..wh..opq" empties its directory of them).
/// </summary>
internal sealed class ImageArchive
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    private readonly Dictionary<string, string> _blobs = new(StringComparer.Ordinal);
    private readonly string _blobDirectory;
    private readonly List<string> _notes;

    private ImageArchive(string blobDirectory, List<string> notes)
    {
        _blobDirectory = blobDirectory;
        _notes = notes;
    }

    /// <summary>Unpacks <paramref name="archivePath"/> into <paramref name="rootDirectory"/>; returns the image config's Env.</summary>
    /// <exception cref="TargetCaptureException">The archive is neither a docker-save nor an OCI layout tar, or is damaged.</exception>
    public static Dictionary<string, string> Unpack(string archivePath, string rootDirectory, string workDirectory, List<string> notes)
    {
        var archive = new ImageArchive(workDirectory, notes);
        try
        {
            archive.ReadOuterArchive(archivePath);
            var (config, layers) = archive.FindConfigAndLayers();
            var root = new RootPath(rootDirectory);
            foreach (var layer in layers)
            {
                archive.ApplyLayer(layer, root);
            }

            using var configDocument = archive.ReadJson(config);
            return ReadEnvironment(configDocument.Root);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            throw new TargetCaptureException($"the image archive '{archivePath}' cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>The outer tar's files are copied out once, by name: layers and JSON may come in any order.</summary>
    private void ReadOuterArchive(string archivePath)
    {
        using var stream = File.OpenRead(archivePath);
        using var reader = new TarReader(stream);
        var links = new List<(string Name, string Target)>();
        var index = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            var name = Normalize(entry.Name);
            if (name is null)
            {
                continue;
            }

            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                // docker save links a layer shared by two images; the link names a file of the same archive.
                var target = entry.EntryType == TarEntryType.HardLink ? entry.LinkName : CombineRelative(name, entry.LinkName);
                links.Add((name, Normalize(target, allowParent: true) ?? string.Empty));
                continue;
            }

            if (entry.DataStream is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue;
            }

            var copy = Path.Combine(_blobDirectory, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var output = File.Create(copy))
            {
                entry.DataStream.CopyTo(output);
            }

            _blobs[name] = copy;
        }

        foreach (var (name, target) in links)
        {
            if (_blobs.TryGetValue(target, out var copy))
            {
                _blobs[name] = copy;
            }
        }
    }

    private (string Config, List<string> Layers) FindConfigAndLayers()
    {
        if (_blobs.ContainsKey("manifest.json"))
        {
            using var document = ReadJson("manifest.json");
            var manifest = document.Root;
            var count = manifest.ValueKind == JsonValueKind.Array ? manifest.GetArrayLength() : 0;
            var first = count > 0 ? manifest[0] : throw new InvalidDataException("manifest.json lists no image");
            if (count > 1)
            {
                _notes.Add($"manifest.json lists {count} images; the first is captured");
            }

            var config = Text(JsonSource.Member(first, "Config")) ?? throw new InvalidDataException("manifest.json has no Config");
            var layers = new List<string>();
            foreach (var layer in Items(JsonSource.Member(first, "Layers")))
            {
                layers.Add(Text(layer) ?? throw new InvalidDataException("manifest.json: a layer is not a string"));
            }

            return (config, layers);
        }

        if (_blobs.ContainsKey("index.json"))
        {
            string descriptor;
            using (var index = ReadJson("index.json"))
            {
                descriptor = FirstManifest(index.Root, "index.json");
            }

            // An index may name another index (a multi-platform image): follow it to an image manifest.
            for (var depth = 0; depth < 4; depth++)
            {
                using var document = ReadJson(descriptor);
                if (JsonSource.Member(document.Root, "layers") is { } layerList && JsonSource.Member(document.Root, "config") is { } configDescriptor)
                {
                    var layers = new List<string>();
                    foreach (var layer in Items(layerList))
                    {
                        layers.Add(BlobName(layer));
                    }

                    return (BlobName(configDescriptor), layers);
                }

                descriptor = FirstManifest(document.Root, descriptor);
            }

            throw new InvalidDataException("index.json: indexes nest too deep to reach an image manifest");
        }

        throw new InvalidDataException("neither manifest.json (docker save) nor index.json (OCI image layout) is in the archive");
    }

    /// <summary>The blob name of the first manifest an index lists.</summary>
    private string FirstManifest(JsonElement index, string where)
    {
        var manifests = JsonSource.Member(index, "manifests");
        var count = manifests is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : 0;
        if (count == 0)
        {
            throw new InvalidDataException(where + " lists no manifests");
        }

        if (count > 1)
        {
            _notes.Add($"{where} lists {count} manifests; the first is captured");
        }

        return BlobName(manifests!.Value[0]);
    }

    private static string? Text(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    // A missing list, or a value that is no list, has no items: the caller says what it lacked.
    private static List<JsonElement> Items(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray()] : [];

    private static string BlobName(JsonElement descriptor)
    {
        var digest = Text(JsonSource.Member(descriptor, "digest")) ?? throw new InvalidDataException("a descriptor has no digest");
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? throw new InvalidDataException($"digest '{digest}' is not ALGORITHM:HEX") : "blobs/" + digest[..colon] + "/" + digest[(colon + 1)..];
    }

    private JsonSource ReadJson(string name)
    {
        if (!_blobs.TryGetValue(Normalize(name) ?? name, out var copy))
        {
            throw new InvalidDataException($"'{name}' is named but not in the archive");
        }

        var info = new FileInfo(copy);
        if (info.Length > JsonSource.MaximumLength)
        {
            throw new InvalidDataException($"'{name}' is too large for image metadata");
        }

        return JsonSource.TryParse(File.ReadAllText(copy, Encoding.UTF8), out var problem)
            ?? throw new InvalidDataException($"'{name}': {problem}");
    }

    private static Dictionary<string, string> ReadEnvironment(JsonElement config)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = JsonSource.Member(config, "config");
        foreach (var item in Items(settings is { } found ? JsonSource.Member(found, "Env") : null))
        {
            if (Text(item) is { } line && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                environment[line[..equals]] = line[(equals + 1)..];
            }
        }

        return environment;
    }

    private void ApplyLayer(string name, RootPath root)
    {
        if (!_blobs.TryGetValue(Normalize(name) ?? name, out var copy))
        {
            throw new InvalidDataException($"layer '{name}' is named but not in the archive");
        }

        using var file = File.OpenRead(copy);
        var isGzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream content = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(content);
        var writtenByThisLayer = new HashSet<string>(StringComparer.Ordinal);
        var skippedSpecial = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            if (Normalize(entry.Name) is not { Length: > 0 } path)
            {
                continue;
            }

            var parent = ParentOf(path);
            var baseName = path[(parent.Length == 0 ? 0 : parent.Length + 1)..];
            if (baseName == OpaqueWhiteout)
            {
                EmptyDirectory(root, "/" + parent, writtenByThisLayer);
                continue;
            }

            if (baseName.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                Delete(root, "/" + (parent.Length == 0 ? string.Empty : parent + "/") + baseName[WhiteoutPrefix.Length..]);
                continue;
            }

            if (!WriteEntry(root, entry, "/" + path))
            {
                skippedSpecial++;
            }

            writtenByThisLayer.Add("/" + path);
        }

        if (skippedSpecial > 0)
        {
            _notes.Add($"{name}: {skippedSpecial} device, FIFO or unsupported entries not created");
        }
    }

    /// <summary>Writes one entry; its parent directories are followed inside the root, never out of it.</summary>
    private static bool WriteEntry(RootPath root, TarEntry entry, string path)
    {
        var parent = root.Resolve(ParentOf(path.TrimStart('/')));
        if (parent is null)
        {
            return false;
        }

        Directory.CreateDirectory(root.ToHost(parent));
        var target = (parent == "/" ? string.Empty : parent) + "/" + path[(path.LastIndexOf('/') + 1)..];
        var hostPath = root.ToHost(target);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (!IsRealDirectory(hostPath))
                {
                    RemoveEntry(hostPath);
                    Directory.CreateDirectory(hostPath);
                }

                return true;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                RemoveEntry(hostPath);
                using (var output = File.Create(hostPath))
                {
                    entry.DataStream?.CopyTo(output);
                }

                return true;
            case TarEntryType.SymbolicLink:
                RemoveEntry(hostPath);
                // The link text is kept as written; RootPath resolves it inside the root when it is read.
                File.CreateSymbolicLink(hostPath, entry.LinkName);
                return true;
            case TarEntryType.HardLink:
                if (root.Resolve(Normalize(entry.LinkName) ?? string.Empty) is { } linked && File.Exists(root.ToHost(linked)))
                {
                    RemoveEntry(hostPath);
                    File.Copy(root.ToHost(linked), hostPath);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static void EmptyDirectory(RootPath root, string directory, HashSet<string> keep)
    {
        if (root.Resolve(directory) is not { } resolved || !IsRealDirectory(root.ToHost(resolved)))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(root.ToHost(resolved)))
        {
            var inImage = directory.TrimEnd('/') + "/" + Path.GetFileName(entry);
            if (!keep.Contains(inImage))
            {
                RemoveEntry(entry);
            }
        }
    }

    private static void Delete(RootPath root, string path)
    {
        if (root.Resolve(ParentOf(path.TrimStart('/'))) is { } parent)
        {
            RemoveEntry(root.ToHost((parent == "/" ? string.Empty : parent) + "/" + path[(path.LastIndexOf('/') + 1)..]));
        }
    }

    /// <summary>Removes a file, link or whole directory; a link is removed itself, never what it points to.</summary>
    private static void RemoveEntry(string hostPath)
    {
        var info = new FileInfo(hostPath);
        if (info.LinkTarget is not null || (info.Exists && !info.Attributes.HasFlag(FileAttributes.Directory)))
        {
            info.Delete();
        }
        else if (Directory.Exists(hostPath))
        {
            Directory.Delete(hostPath, recursive: true);
        }
    }

    private static bool IsRealDirectory(string hostPath)
    {
        var info = new DirectoryInfo(hostPath);
        return info.Exists && info.LinkTarget is null;
    }

    /// <summary>"./usr/lib/" -> "usr/lib"; null for a name that climbs out with "..", which no layer may write.</summary>
    private static string? Normalize(string name) => Normalize(name, allowParent: false);

    /// <param name="allowParent">Resolve ".." against the parts before it (a link between files of the outer archive).</param>
    private static string? Normalize(string name, bool allowParent)
    {
        var parts = new List<string>();
        foreach (var part in name.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (!allowParent || parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join("/", parts);
    }

    private static string CombineRelative(string name, string linkTarget) =>
        linkTarget.StartsWith('/') ? linkTarget : (ParentOf(name) is { Length: > 0 } parent ? parent + "/" : string.Empty) + linkTarget;

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
#endif
