using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticLink.Core.Bundles;
using StaticLink.Core.Elf;
using StaticLink.Core.Managed;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Looks inside a single-file bundle host: its native entries become files of the output (named
/// "host!/path", see <see cref="BundleNames.EntryPath"/>) and its assemblies are searched for P/Invoke targets,
/// because at start-up the host extracts the native ones next to each other and loads them like any other.
/// </summary>
internal sealed class BundleScanner
{
    private readonly ElfReadOptions _readOptions;

    public BundleScanner(ElfReadOptions readOptions)
    {
        _readOptions = readOptions;
    }

    /// <summary>Only programs carry the apphost's bundle marker.</summary>
    public static bool MayBeHost(ElfFile elf) =>
        elf.Type == ElfFileType.Executable || (elf.Type == ElfFileType.SharedObject && elf.Interpreter is not null);

    /// <summary>Null when the file is no bundle; otherwise the manifest and the embedded files, or why the bundle could not be read.</summary>
    public BundleScan? Scan(string fullPath, string relativePath, ElfFile host)
    {
        var regions = BundleReader.MarkerRegions(host);
        if (regions.Count == 0)
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
            BundleManifest? manifest;
            try
            {
                manifest = BundleReader.Read(stream, regions);
            }
            catch (BundleFormatException exception)
            {
                return new BundleScan { Error = exception.Reason, ErrorOffset = exception.Offset };
            }

            if (manifest is null)
            {
                return null;
            }

            var scan = new BundleScan { Manifest = manifest };
            foreach (var entry in manifest.Entries)
            {
                ScanEntry(stream, fullPath, relativePath, entry, scan);
            }

            return scan;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new BundleScan { Error = "the bundle could not be read: " + exception.Message };
        }
    }

    private void ScanEntry(Stream host, string hostFullPath, string hostRelativePath, BundleEntry entry, BundleScan scan)
    {
        var path = BundleNames.EntryPath(hostRelativePath, entry.RelativePath);
        var fullPath = BundleNames.EntryPath(hostFullPath, entry.RelativePath);
        switch (entry.Type)
        {
            case BundleEntryType.DepsJson:
            case BundleEntryType.RuntimeConfigJson:
                return;
            case BundleEntryType.Assembly:
                ScanAssembly(host, entry, path, fullPath, hostRelativePath, scan);
                return;
            case BundleEntryType.NativeBinary:
                ScanNative(host, entry, path, fullPath, hostRelativePath, scan);
                return;
            default:
                // The SDK types entries by their content, so a native file is type 2; an ELF file among the other
                // (stored) entries is still checked, since the host extracts it all the same.
                if (!entry.IsCompressed && StartsWithElfMagic(host, entry))
                {
                    ScanNative(host, entry, path, fullPath, hostRelativePath, scan);
                }

                return;
        }
    }

    private void ScanNative(Stream host, BundleEntry entry, string path, string fullPath, string hostRelativePath, BundleScan scan)
    {
        try
        {
            using var content = BundleReader.OpenEntry(host, entry);
            if (!ElfReader.HasElfMagic(content))
            {
                if (SonameText.HasLibrarySuffix(ForwardSlashPath.FileName(path)))
                {
                    scan.Files.Add(Error(path, fullPath, hostRelativePath, entry, "named like a shared library but it is not an ELF file (no ELF magic)", 0));
                }

                return;
            }

            var elf = ElfReader.Read(content, _readOptions);
            scan.Files.Add(ScannedElf.Create(
                elf,
                path,
                fullPath,
                entry.Size,
                ForwardSlashPath.FileName(path),
                aliases: [],
                collectGlibcMarkers => ReadOnlyDataScanner.Scan(content, elf, collectGlibcMarkers),
                hostRelativePath,
                bundle: null));
        }
        catch (ElfFormatException exception)
        {
            scan.Files.Add(Error(path, fullPath, hostRelativePath, entry, exception.Reason, exception.Offset));
        }
        catch (BundleFormatException exception)
        {
            // The bytes could not be inflated: the offset is in the host, not in the (missing) file.
            scan.Files.Add(Error(path, fullPath, hostRelativePath, entry, string.Format(CultureInfo.InvariantCulture, "{0} (at offset 0x{1:x} of the host)", exception.Reason, exception.Offset), null));
        }
    }

    private static void ScanAssembly(Stream host, BundleEntry entry, string path, string fullPath, string hostRelativePath, BundleScan scan)
    {
        if (entry.IsCompressed)
        {
            // Inflating every assembly of a compressed bundle costs more than the gate may; counted, and reported.
            scan.UnsearchedCompressedAssemblies++;
            return;
        }

        try
        {
            using var content = BundleReader.OpenEntry(host, entry);
            var modules = AssemblyMetadataReader.ReadPInvokeModules(content);
            if (modules is not null)
            {
                scan.Assemblies.Add(new ScannedAssembly { RelativePath = path, FullPath = fullPath, Container = hostRelativePath, PInvokeModules = modules });
            }
        }
        catch (AssemblyFormatException exception)
        {
            scan.Assemblies.Add(new ScannedAssembly
            {
                RelativePath = path,
                FullPath = fullPath,
                Container = hostRelativePath,
                Error = exception.Reason,
                ErrorOffset = exception.Offset,
            });
        }
    }

    private static bool StartsWithElfMagic(Stream host, BundleEntry entry)
    {
        if (entry.Size < 4)
        {
            return false;
        }

        using var window = BundleReader.OpenEntry(host, entry);
        return ElfReader.HasElfMagic(window);
    }

    private static ScannedFile Error(string path, string fullPath, string hostRelativePath, BundleEntry entry, string reason, long? offset) => new()
    {
        RelativePath = path,
        FullPath = fullPath,
        Size = entry.Size,
        Container = hostRelativePath,
        Error = reason,
        ErrorOffset = offset,
    };
}
