#if NET
using System;
using System.Buffers.Binary;
using System.IO;
using System.Reflection.PortableExecutable;

namespace StaticLink.Core.Managed;

/// <summary>
/// Tells, from a few hundred bytes, that an assembly has no P/Invoke at all: its table stream (#~) says it has no
/// ImplMap table. Only the metadata root and the first bytes of that stream are read (ECMA-335 II.24.2.1 and
/// II.24.2.6); the PE headers are System.Reflection.Metadata's (<see cref="PEHeaders"/>), and everything else about
/// an assembly that has P/Invokes, or that this probe cannot read, stays the library's.
/// <para>
/// Why: 152 of the 173 assemblies of a self-contained publish have no ImplMap, and reading their metadata whole (12 MB,
/// into memory the kernel first has to fault in) was the largest single item of the gate's profile in a publish
/// (perf: 11 of the scan's ~90 ms of processor time on both cores went to those reads and page faults).
/// </para>
/// <para>
/// What it gives up: such an assembly's tables are no longer parsed, so one damaged elsewhere in its tables is not
/// reported. One whose metadata lies past the end of the file still is (the library reads it).
/// </para>
/// </summary>
internal static class ImplMapProbe
{
    private const uint MetadataSignature = 0x424A5342; // "BSJB"
    private const int ImplMapTable = 0x1C;
    private const int RootPrefixLength = 16;
    private const int TableStreamHeaderLength = 16;
    private const int ValidMaskOffset = 8;

    /// <summary>The first bytes of the metadata read to find its stream headers; the root is about 100 bytes.</summary>
    private const int RootReadLength = 512;

    /// <summary>
    /// True when the assembly in <paramref name="stream"/> (positioned anywhere; left anywhere) certainly has no
    /// ImplMap table. False when it has one, is not an assembly, or anything is not as expected: the caller reads it
    /// with the library, which says what is wrong.
    /// </summary>
    public static bool HasNoPInvokes(Stream stream)
    {
        try
        {
            stream.Position = 0;
            var headers = new PEHeaders(stream);
            if (headers.CorHeader is null || headers.MetadataSize <= RootPrefixLength || headers.MetadataStartOffset <= 0)
            {
                return false;
            }

            long start = headers.MetadataStartOffset;
            long size = headers.MetadataSize;
            if (start + size > stream.Length)
            {
                return false;
            }

            var root = CliHeaderProbe.ReadExactly(stream, start, (int)Math.Min(RootReadLength, size));
            var tableStream = root is null ? -1 : FindTableStream(root, size);
            var tableHeader = tableStream < 0 ? null : CliHeaderProbe.ReadExactly(stream, start + tableStream, TableStreamHeaderLength);
            if (tableHeader is null)
            {
                return false;
            }

            var valid = BinaryPrimitives.ReadUInt64LittleEndian(tableHeader.AsSpan(ValidMaskOffset));
            return (valid & (1UL << ImplMapTable)) == 0;
        }
        catch (Exception exception) when (AssemblyMetadataReader.IsMalformedImage(exception) || exception is EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Where the #~ (or uncompressed #-) stream starts in the metadata, or -1 when the root does not say.</summary>
    private static long FindTableStream(ReadOnlySpan<byte> root, long metadataSize)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(root) != MetadataSignature)
        {
            return -1;
        }

        // Signature, major and minor version, reserved, then the length of the version string (a multiple of 4).
        var versionLength = BinaryPrimitives.ReadUInt32LittleEndian(root.Slice(12));
        var at = RootPrefixLength + (long)versionLength;

        // Flags, then the number of streams.
        if (versionLength > (uint)root.Length || at + 4 > root.Length)
        {
            return -1;
        }

        int streams = BinaryPrimitives.ReadUInt16LittleEndian(root.Slice((int)at + 2));
        at += 4;
        for (var index = 0; index < streams; index++)
        {
            if (at + 8 > root.Length)
            {
                return -1;
            }

            var offset = BinaryPrimitives.ReadUInt32LittleEndian(root.Slice((int)at));
            var name = root.Slice((int)at + 8);
            var end = name.IndexOf((byte)0);
            if (end < 0)
            {
                return -1;
            }

            if (end == 2 && name[0] == (byte)'#' && (name[1] == (byte)'~' || name[1] == (byte)'-'))
            {
                return offset + TableStreamHeaderLength <= metadataSize ? offset : -1;
            }

            // The name with its terminator, padded to a multiple of 4.
            at += 8 + ((end + 4) & ~3);
        }

        return -1;
    }
}
#endif
