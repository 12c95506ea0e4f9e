using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Targets;

/// <summary>Image archives written here with System.Formats.Tar: docker save and OCI layout, two layers each.</summary>
internal static class ImageArchives
{
    private const string LibDir = "usr/lib/x86_64-linux-gnu";

    /// <summary>Layer 1: the root (gzip'd). Layer 2: a whiteout of one library in usr/lib/x86_64-linux-gnu.</summary>
    public static string DockerSave(TempDirectory work, string root, string whiteOut, IReadOnlyList<string> environment)
    {
        var lower = Gzip(DirectoryLayer(root));
        var upper = EntriesLayer(writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, LibDir + "/.wh." + whiteOut)));
        var config = Config(environment);
        var manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"test:latest\"],\"Layers\":[\"lower/layer.tar\",\"upper/layer.tar\"]}]";
        return Archive(work, "saved.tar", new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Encoding.UTF8.GetBytes(manifest),
            ["config.json"] = config,
            ["lower/layer.tar"] = lower,
            ["upper/layer.tar"] = upper,
        });
    }

    /// <summary>Layer 1: the root (gzip'd). Layer 2 (plain): an opaque whiteout of usr/lib/x86_64-linux-gnu and one file it keeps.</summary>
    public static string OciLayout(TempDirectory work, string root, IReadOnlyList<string> environment)
    {
        var lower = Gzip(DirectoryLayer(root));
        var kept = File.ReadAllBytes(Directory.GetFiles(Path.Combine(root, "lib/x86_64-linux-gnu"), "libc.so.6")[0]);
        var upper = EntriesLayer(writer =>
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, LibDir + "/libkept.so.1") { DataStream = new MemoryStream(kept) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, LibDir + "/.wh..wh..opq"));
        });
        var config = Config(environment);
        var blobs = new Dictionary<string, byte[]>();
        string Blob(byte[] bytes)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
            blobs["blobs/sha256/" + hex] = bytes;
            return "sha256:" + hex;
        }

        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Blob(config) + "\"},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + Blob(lower) + "\"},"
            + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Blob(upper) + "\"}]}");
        var index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Blob(manifest) + "\"}]}";
        blobs["index.json"] = Encoding.UTF8.GetBytes(index);
        blobs["oci-layout"] = Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}");
        return Archive(work, "oci.tar", blobs);
    }

    private static byte[] Config(IReadOnlyList<string> environment)
    {
        var quoted = new List<string>();
        foreach (var variable in environment)
        {
            quoted.Add("\"" + variable + "\"");
        }

        return Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[" + string.Join(",", quoted) + "]}}");
    }

    private static byte[] DirectoryLayer(string root)
    {
        using var buffer = new MemoryStream();
        TarFile.CreateFromDirectory(root, buffer, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    private static byte[] EntriesLayer(System.Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    private static string Archive(TempDirectory work, string name, Dictionary<string, byte[]> files)
    {
        var path = work.Combine(name);
        using var stream = File.Create(path);
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (var (entryName, bytes) in files)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(bytes) });
        }

        return path;
    }
}
