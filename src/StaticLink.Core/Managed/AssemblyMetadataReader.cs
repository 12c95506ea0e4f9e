using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticLink.Core.Managed;

/// <summary>
/// Reads the P/Invoke targets of a .NET assembly: the ImplMap rows (one per DllImport method, including the ones
/// LibraryImport generates) and the ModuleRef names they point at.
/// <para>
/// Why a reader of its own rather than System.Reflection.Metadata: the engine runs inside MSBuild on .NET Framework
/// too, where a package dependency can clash with the copy MSBuild or Visual Studio loads; it needs two tables of
/// one stream, about 400 lines; and one code path for both target frameworks is the path the tests check (against
/// System.Reflection.Metadata, on every assembly of the .NET runtime).
/// </para>
/// A file that is not a .NET assembly (not PE, or a native DLL) gives null. A file with a CLI header whose
/// metadata is malformed raises <see cref="AssemblyFormatException"/> and nothing else.
/// </summary>
public static class AssemblyMetadataReader
{
    /// <summary>Entry point names kept per module, for messages.</summary>
    public const int EntryPointsKept = 3;

    private const uint MetadataSignature = 0x424A5342;
    private const int RootFixedLength = 16;
    private const int MaximumStreamNameLength = 32;
    private const int MaximumNameLength = 4096;

    /// <summary>The P/Invoke modules of the assembly at <paramref name="path"/>, or null when it is not a .NET assembly.</summary>
    public static IReadOnlyList<PInvokeModule>? ReadPInvokeModules(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
        return ReadPInvokeModules(stream);
    }

    /// <summary>Reads from a seekable stream (a file, or a window of a single-file bundle); null when it is not a .NET assembly.</summary>
    public static IReadOnlyList<PInvokeModule>? ReadPInvokeModules(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The assembly reader needs a readable, seekable stream.", nameof(stream));
        }

        try
        {
            var source = new AssemblyByteSource(stream);
            var image = PortableExecutableImage.TryOpen(source);
            return image is null ? null : ReadModules(source, image);
        }
        catch (AssemblyFormatException)
        {
            throw;
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentException or IndexOutOfRangeException or OutOfMemoryException)
        {
            // Every size is checked before use; this is the last line of defence against a missed check.
            throw new AssemblyFormatException(0, "malformed .NET assembly: " + exception.Message, exception);
        }
    }

    /// <summary>Reads a file; a malformed assembly gives false and the reason. I/O errors still throw.</summary>
    public static bool TryReadPInvokeModules(string path, out IReadOnlyList<PInvokeModule>? modules, out AssemblyFormatException? error)
    {
        try
        {
            modules = ReadPInvokeModules(path);
            error = null;
            return true;
        }
        catch (AssemblyFormatException exception)
        {
            modules = null;
            error = exception;
            return false;
        }
    }

    private static List<PInvokeModule> ReadModules(AssemblyByteSource source, PortableExecutableImage image)
    {
        var streams = ReadStreamHeaders(source, image.MetadataOffset, image.MetadataSize);
        if (!streams.TryGetValue("#~", out var tableStream) && !streams.TryGetValue("#-", out tableStream))
        {
            throw new AssemblyFormatException(image.MetadataOffset, "the metadata has no table stream (#~)");
        }

        if (!streams.TryGetValue("#Strings", out var stringHeap))
        {
            stringHeap = (image.MetadataOffset, 0);
        }

        var tables = MetadataTables.Read(source, tableStream.Offset, tableStream.Size, streams.ContainsKey("#JTD"));
        var importCount = tables.RowCount(MetadataTables.ImplMap);
        if (importCount == 0)
        {
            return [];
        }

        var strings = new StringHeap(source, stringHeap.Offset, stringHeap.Size);
        var moduleNames = ReadModuleRefNames(source, tables, strings);
        return ReadImports(source, tables, strings, moduleNames);
    }

    private static string[] ReadModuleRefNames(AssemblyByteSource source, MetadataTables tables, StringHeap strings)
    {
        var count = tables.RowCount(MetadataTables.ModuleRef);
        var rowSize = tables.RowSize(MetadataTables.ModuleRef);
        var offset = tables.TableOffset(MetadataTables.ModuleRef);

        // The table was checked to lie inside the stream, so the count is bounded by the file's length.
        var rows = source.Read(offset, (long)count * rowSize, "the ModuleRef table");
        var names = new string[count];
        for (var row = 0; row < count; row++)
        {
            var index = ReadIndex(rows, row * rowSize, tables.StringIndexSize);
            names[row] = strings.Read(index, offset + (row * rowSize));
        }

        return names;
    }

    private static List<PInvokeModule> ReadImports(AssemblyByteSource source, MetadataTables tables, StringHeap strings, string[] moduleNames)
    {
        var count = tables.RowCount(MetadataTables.ImplMap);
        var rowSize = tables.RowSize(MetadataTables.ImplMap);
        var offset = tables.TableOffset(MetadataTables.ImplMap);
        var rows = source.Read(offset, (long)count * rowSize, "the ImplMap table");
        var nameAt = 2 + tables.MemberForwardedSize;
        var scopeAt = nameAt + tables.StringIndexSize;
        var scopeSize = tables.IndexSize(MetadataTables.ModuleRef);

        var order = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var entryPoints = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var row = 0; row < count; row++)
        {
            var at = row * rowSize;
            var scope = ReadIndex(rows, at + scopeAt, scopeSize);
            if (scope == 0 || scope > (uint)moduleNames.Length)
            {
                throw new AssemblyFormatException(
                    offset + at,
                    string.Format(CultureInfo.InvariantCulture, "ImplMap row {0} names ModuleRef {1}, but there are {2}", row + 1, scope, moduleNames.Length));
            }

            var module = moduleNames[scope - 1];
            if (!counts.TryGetValue(module, out var seen))
            {
                order.Add(module);
                entryPoints.Add(module, []);
            }

            counts[module] = seen + 1;
            var kept = entryPoints[module];
            if (kept.Count < EntryPointsKept)
            {
                var entryPoint = strings.Read(ReadIndex(rows, at + nameAt, tables.StringIndexSize), offset + at);
                if (!kept.Contains(entryPoint))
                {
                    kept.Add(entryPoint);
                }
            }
        }

        var modules = new List<PInvokeModule>(order.Count);
        foreach (var module in order)
        {
            modules.Add(new PInvokeModule(module, counts[module], entryPoints[module]));
        }

        return modules;
    }

    /// <summary>The metadata root's stream headers by name: file offset and size, each checked to lie inside the metadata.</summary>
    private static Dictionary<string, (long Offset, long Size)> ReadStreamHeaders(AssemblyByteSource source, long metadataOffset, long metadataSize)
    {
        if (metadataSize < RootFixedLength + 4)
        {
            throw new AssemblyFormatException(metadataOffset, string.Format(CultureInfo.InvariantCulture, "the metadata is {0} bytes, too short for its root", metadataSize));
        }

        var root = source.Read(metadataOffset, RootFixedLength, "the metadata root");
        if (AssemblyByteSource.UInt32(root, 0) != MetadataSignature)
        {
            throw new AssemblyFormatException(metadataOffset, "the metadata does not start with the BSJB signature");
        }

        var versionLength = AssemblyByteSource.UInt32(root, 12);
        if (versionLength > metadataSize - RootFixedLength - 4)
        {
            throw new AssemblyFormatException(metadataOffset + 12, string.Format(CultureInfo.InvariantCulture, "the metadata version string length {0} runs past the metadata", versionLength));
        }

        var headersOffset = metadataOffset + RootFixedLength + versionLength;
        var counts = source.Read(headersOffset, 4, "the metadata stream count");
        int streamCount = AssemblyByteSource.UInt16(counts, 2);

        // Each header is at least 12 bytes (offset, size, a name padded to 4): the count must fit before reading them.
        var headersLength = Math.Min((long)streamCount * (8 + MaximumStreamNameLength), metadataOffset + metadataSize - (headersOffset + 4));
        if ((long)streamCount * 12 > headersLength)
        {
            throw new AssemblyFormatException(headersOffset, string.Format(CultureInfo.InvariantCulture, "the metadata declares {0} streams, more than it can hold", streamCount));
        }

        var headers = source.Read(headersOffset + 4, headersLength, "the metadata stream headers");
        var streams = new Dictionary<string, (long Offset, long Size)>(StringComparer.Ordinal);
        var at = 0;
        for (var index = 0; index < streamCount; index++)
        {
            if (at + 8 > headers.Length)
            {
                throw new AssemblyFormatException(headersOffset + 4 + at, "the metadata stream headers run past the metadata");
            }

            long offset = AssemblyByteSource.UInt32(headers, at);
            long size = AssemblyByteSource.UInt32(headers, at + 4);
            var nameStart = at + 8;
            var nameEnd = Array.IndexOf(headers, (byte)0, nameStart, Math.Min(MaximumStreamNameLength, headers.Length - nameStart));
            if (nameEnd < 0)
            {
                throw new AssemblyFormatException(headersOffset + 4 + nameStart, "a metadata stream name is not terminated within 32 bytes");
            }

            var name = Encoding.ASCII.GetString(headers, nameStart, nameEnd - nameStart);
            if (offset > metadataSize || size > metadataSize - offset)
            {
                throw new AssemblyFormatException(
                    headersOffset + 4 + at,
                    string.Format(CultureInfo.InvariantCulture, "metadata stream {0} ({1} bytes at 0x{2:x}) runs past the metadata ({3} bytes)", name, size, offset, metadataSize));
            }

            // The first stream of a name wins, as in the runtime.
            if (!streams.ContainsKey(name))
            {
                streams.Add(name, (metadataOffset + offset, size));
            }

            at = nameStart + ((nameEnd - nameStart + 4) & ~3);
        }

        return streams;
    }

    private static uint ReadIndex(byte[] rows, int at, int size) =>
        size == 2 ? AssemblyByteSource.UInt16(rows, at) : AssemblyByteSource.UInt32(rows, at);

    /// <summary>NUL-terminated UTF-8 strings of the #Strings heap, read one by one and bounded by the heap.</summary>
    private sealed class StringHeap(AssemblyByteSource source, long offset, long size)
    {
        public string Read(uint index, long referencedFrom)
        {
            if (index >= size)
            {
                if (index == 0)
                {
                    return string.Empty;
                }

                throw new AssemblyFormatException(
                    referencedFrom,
                    string.Format(CultureInfo.InvariantCulture, "string index 0x{0:x} is outside the #Strings heap ({1} bytes)", index, size));
            }

            var bytes = source.ReadAtMost(offset + index, Math.Min(MaximumNameLength + 1, size - index), "a metadata string");
            var end = Array.IndexOf(bytes, (byte)0);
            if (end < 0)
            {
                throw new AssemblyFormatException(offset + index, "a metadata string is not terminated within the #Strings heap or 4096 bytes");
            }

            return Encoding.UTF8.GetString(bytes, 0, end);
        }
    }
}
