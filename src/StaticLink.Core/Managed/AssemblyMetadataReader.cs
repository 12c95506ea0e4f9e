using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Managed;

/// <summary>
/// Reads the P/Invoke targets of a .NET assembly with System.Reflection.Metadata: the methods with an ImplMap row
/// (every DllImport, including the ones LibraryImport generates) and the ModuleRef names those rows point at.
/// <para>
/// A file that is not a .NET assembly (not PE, or a native DLL) gives null. A file with a CLI header whose headers
/// or metadata are malformed or truncated raises <see cref="AssemblyFormatException"/>, whatever
/// System.Reflection.Metadata threw; I/O errors are left to the caller.
/// </para>
/// </summary>
public static class AssemblyMetadataReader
{
    /// <summary>Entry point names kept per module, for messages.</summary>
    public const int EntryPointsKept = 3;

    /// <summary>
    /// System.Reflection.Metadata reads the PE headers field by field: without a buffer each field would be a
    /// system call. The metadata itself is read in one call, past the buffer.
    /// </summary>
    private const int HeaderBufferSize = 4096;

    /// <summary>The P/Invoke modules of the assembly at <paramref name="path"/>, or null when it is not a .NET assembly.</summary>
    public static IReadOnlyList<PInvokeModule>? ReadPInvokeModules(string path)
    {
#if NET
        if (NonBlockingOpen.IsSupported)
        {
            using var handle = NonBlockingOpen.Open(path);
            long length;
            try
            {
                length = RandomAccess.GetLength(handle);
            }
            catch (NotSupportedException)
            {
                // A FIFO or a socket: no length, so no assembly.
                return null;
            }

            using var handleStream = new HandleStream(handle, length);
            return length == 0 ? null : ReadPInvokeModules(handleStream);
        }
#endif
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, HeaderBufferSize, FileOptions.RandomAccess);
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

#if NET
        if (ImplMapProbe.HasNoPInvokes(stream))
        {
            return [];
        }
#endif

        stream.Position = 0;
        PEReader image;
        try
        {
            // PrefetchMetadata copies the metadata into memory instead of mapping the file: a mapped file that
            // shrinks under the reader kills the process with SIGBUS, a read one is only a short read.
            image = new PEReader(stream, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchMetadata);
        }
        catch (Exception exception) when (IsMalformedImage(exception))
        {
            // The headers are read as a whole or not at all, so a text file named *.dll, a truncated native DLL and
            // a truncated assembly all end here: only the last is an assembly.
            var explanation = CliHeaderProbe.ExplainRejectedHeaders(stream, exception);
            if (explanation is null)
            {
                return null;
            }

            throw explanation;
        }
        catch (EndOfStreamException exception)
        {
            // Fewer bytes than the length promised a moment before: the file shrank while it was read.
            throw new AssemblyFormatException(null, "the file ended early (it may have been truncated while being read)", exception);
        }

        using (image)
        {
            var headers = image.PEHeaders;
            if (headers.CorHeader is null || headers.MetadataSize == 0)
            {
                // A native PE (a Windows DLL of another RID's folder, say), or a COFF object: nothing managed.
                return null;
            }

            try
            {
                return ReadModules(image.GetMetadataReader(), headers.MetadataStartOffset);
            }
            catch (Exception exception) when (IsMalformedImage(exception))
            {
                throw new AssemblyFormatException(headers.MetadataStartOffset, "the metadata is malformed (" + Describe(exception) + ")", exception);
            }
        }
    }

    /// <summary>What System.Reflection.Metadata throws on bad bytes; anything else (I/O, out of memory) is not the file's fault.</summary>
    internal static bool IsMalformedImage(Exception exception) =>
        exception is BadImageFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException;

    /// <summary>The library's message without its closing full stop, to sit inside a sentence of ours.</summary>
    internal static string Describe(Exception exception) => exception.Message.TrimEnd('.', ' ');

    private static List<PInvokeModule> ReadModules(MetadataReader metadata, long metadataOffset)
    {
        if (metadata.GetTableRowCount(TableIndex.ImplMap) == 0)
        {
            return [];
        }

        var moduleReferenceCount = metadata.GetTableRowCount(TableIndex.ModuleRef);
        var moduleNames = new string?[moduleReferenceCount + 1];
        var order = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var entryPoints = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0)
            {
                // Only these methods have an ImplMap row; the flag is read from the row at hand, the ImplMap row
                // would be a search.
                continue;
            }

            var import = method.GetImport();
            if (import.Module.IsNil)
            {
                // Flagged, but without an ImplMap row or with an empty scope: it names no library.
                continue;
            }

            var row = MetadataTokens.GetRowNumber(import.Module);
            if (row > moduleReferenceCount)
            {
                throw new AssemblyFormatException(
                    metadataOffset + metadata.GetTableMetadataOffset(TableIndex.ImplMap),
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "the ImplMap row of P/Invoke method {0} names ModuleRef {1}, but there are {2}",
                        metadata.GetString(method.Name),
                        row,
                        moduleReferenceCount));
            }

            var module = moduleNames[row] ??= metadata.GetString(metadata.GetModuleReference(import.Module).Name);
            if (!counts.TryGetValue(module, out var seen))
            {
                order.Add(module);
                entryPoints.Add(module, []);
            }

            counts[module] = seen + 1;
            var kept = entryPoints[module];
            if (kept.Count < EntryPointsKept)
            {
                var entryPoint = metadata.GetString(import.Name);
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
}
