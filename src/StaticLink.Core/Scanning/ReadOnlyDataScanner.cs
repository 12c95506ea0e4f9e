using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Finds dlopen candidates: the sonames a program passes to dlopen live as NUL-terminated strings in its read-only
/// data, where ldd and readelf -d never look. Reads only the .rodata sections (or, without section headers, the
/// read-only PT_LOAD segments) through a fixed buffer, with a bound on the bytes read per file.
/// </summary>
public static class ReadOnlyDataScanner
{
    /// <summary>Read at most this many bytes of read-only data per file; enough for any runtime library seen so far.</summary>
    public const long MaximumBytesPerFile = 64L * 1024 * 1024;

    /// <summary>Strings only glibc carries; in a fully static file they prove glibc was linked in.</summary>
    public static IReadOnlyList<string> GlibcMarkerStrings { get; } = ["/etc/nsswitch.conf", "GLIBC_TUNABLES", "libnss_", "gconv-modules"];

    private const int BufferSize = 64 * 1024;

    // Long enough for any marker inside a longer message; longer strings are only checked on their first bytes.
    private const int KeptStringBytes = 512;

    /// <summary>
    /// One read buffer per thread, not per file: 64 KB for each of the 16 native files of a publish was a fifth of what
    /// the gate allocated, enough to bring a garbage collection of MSBuild's heap into the check.
    /// </summary>
    [ThreadStatic]
    private static byte[]? s_buffer;

    public static ReadOnlyDataScan Scan(string path, ElfFile file, bool collectGlibcMarkers)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            return Scan(stream, file, collectGlibcMarkers);
        }
        catch (IOException exception)
        {
            return new ReadOnlyDataScan([], [], "read-only data could not be read: " + exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            return new ReadOnlyDataScan([], [], "read-only data could not be read: " + exception.Message);
        }
    }

    /// <summary>Scans a seekable stream holding the file, e.g. a library embedded in a single-file bundle.</summary>
    public static ReadOnlyDataScan Scan(Stream stream, ElfFile file, bool collectGlibcMarkers)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var regions = FindRegions(file);
        var state = new ScanState(collectGlibcMarkers);
        string? note = null;
        try
        {
            var buffer = s_buffer ??= new byte[BufferSize];
            long budget = MaximumBytesPerFile;
            foreach (var (offset, size) in regions)
            {
                if (budget <= 0)
                {
                    note = string.Format(CultureInfo.InvariantCulture, "read-only data scan stopped after {0} bytes", MaximumBytesPerFile);
                    break;
                }

                var length = Math.Min(size, budget);
                budget -= length;
#if NET8_0_OR_GREATER
                ScanRegionForSonames(stream, buffer, offset, length, state);
#else
                ScanRegion(stream, buffer, offset, length, state);
#endif
            }
        }
        catch (IOException exception)
        {
            note = "read-only data could not be read: " + exception.Message;
        }

        // Markers in their canonical order, whatever the file's layout: messages quoting them stay stable.
        var markers = new List<string>();
        foreach (var marker in GlibcMarkerStrings)
        {
            if (state.Markers.Contains(marker))
            {
                markers.Add(marker);
            }
        }

        return new ReadOnlyDataScan(state.Sonames, markers, note);
    }

    /// <summary>The file ranges to scan, clipped to the file, in file order.</summary>
    public static IReadOnlyList<FileRegion> FindRegions(ElfFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var regions = new List<FileRegion>();
        foreach (var section in file.Sections)
        {
            if (section.Type != ElfConstants.SHT_NOBITS && section.NameStartsWith(".rodata"))
            {
                AddClipped(regions, section.Offset, section.Size, file.Length);
            }
        }

        if (regions.Count == 0)
        {
            // No section headers (sstrip) or no .rodata: read-only, non-executable segments hold the constants
            // with -z separate-code; older layouts keep them in the text segment, the only read-only one left.
            AddSegments(regions, file, excludeExecutable: true);
            if (regions.Count == 0)
            {
                AddSegments(regions, file, excludeExecutable: false);
            }
        }

        regions.Sort((left, right) => left.Offset.CompareTo(right.Offset));
        return regions;
    }

    private static void AddSegments(List<FileRegion> regions, ElfFile file, bool excludeExecutable)
    {
        foreach (var header in file.ProgramHeaders)
        {
            if (header.Type != ElfConstants.PT_LOAD || (header.Flags & ElfConstants.PF_W) != 0)
            {
                continue;
            }

            if (excludeExecutable && (header.Flags & ElfConstants.PF_X) != 0)
            {
                continue;
            }

            AddClipped(regions, header.Offset, header.FileSize, file.Length);
        }
    }

    private static void AddClipped(List<FileRegion> regions, ulong offset, ulong size, long fileLength)
    {
        if (size == 0 || fileLength <= 0 || offset >= (ulong)fileLength)
        {
            return;
        }

        var available = (ulong)fileLength - offset;
        var clipped = size < available ? size : available;
        regions.Add(new FileRegion((long)offset, (long)clipped));
    }

    private static void ScanRegion(Stream stream, byte[] buffer, long offset, long length, ScanState state)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        state.StartString();
        var remaining = length;
        while (remaining > 0)
        {
            var wanted = (int)Math.Min(buffer.Length, remaining);
            var read = stream.Read(buffer, 0, wanted);
            if (read <= 0)
            {
                break;
            }

            remaining -= read;

            // Array.IndexOf on bytes is vectorised: the scan costs little more than the read itself.
            var start = 0;
            while (start < read)
            {
                var nul = Array.IndexOf(buffer, (byte)0, start, read - start);
                if (nul < 0)
                {
                    state.Append(buffer, start, read - start);
                    break;
                }

                state.Append(buffer, start, nul - start);
                state.EndString();
                start = nul + 1;
            }
        }

        // A string running into the region's end is not NUL-terminated: not a C string the program can pass.
        state.StartString();
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The same sonames and glibc markers as <see cref="ScanRegion"/> finds, found faster: every soname contains ".so",
    /// so only the strings around a vectorised search's hits are looked at, instead of every string of the region, and
    /// each marker still missing is one vectorised search of the whole block. Most of a large library's read-only
    /// data is not text; on the 2 GB output of build/bench.sh (25 of the machine's largest ELF files, up to 64 MB of
    /// .rodata each) the soname search took the whole check from 3.6 s to 2.1 s of CPU, and giving the fully static
    /// files (which need the markers) the same path took it from 2.3 s to 1.2 s, same findings.
    /// </summary>
    private static void ScanRegionForSonames(Stream stream, byte[] buffer, long offset, long length, ScanState state)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var remaining = length;

        // Bytes at the buffer's start carried over from the last read: the start of a string not yet terminated.
        var carried = 0;

        // True while the string being read is already too long for a soname (no NUL in a whole buffer).
        var skippingLongString = false;
        while (remaining > 0)
        {
            var wanted = (int)Math.Min(buffer.Length - carried, remaining);
            var read = stream.Read(buffer, carried, wanted);
            if (read <= 0)
            {
                break;
            }

            remaining -= read;
            var filled = carried + read;
            var lastNul = Array.LastIndexOf(buffer, (byte)0, filled - 1, filled);
            if (lastNul < 0)
            {
                // A whole buffer without a NUL is one string, far longer than any soname.
                skippingLongString = true;
                carried = 0;
                continue;
            }

            // buffer[0..lastNul] holds whole strings, the first starting at buffer[0].
            var first = 0;
            if (skippingLongString)
            {
                first = Array.IndexOf(buffer, (byte)0, 0, lastNul + 1) + 1;
                skippingLongString = false;
            }

            var strings = new ReadOnlySpan<byte>(buffer, first, lastNul + 1 - first);
            FindSonames(strings, state);
            state.FindMarkers(strings);
            carried = filled - (lastNul + 1);
            Buffer.BlockCopy(buffer, lastNul + 1, buffer, 0, carried);
        }

        // A string running into the region's end is not NUL-terminated: not a C string the program can pass.
    }

    /// <summary>The sonames among <paramref name="strings"/>: NUL-terminated strings, back to back, the last ending the span.</summary>
    private static void FindSonames(ReadOnlySpan<byte> strings, ScanState state)
    {
        var cursor = 0;
        while (cursor < strings.Length)
        {
            var hit = strings.Slice(cursor).IndexOf(SoBytes);
            if (hit < 0)
            {
                return;
            }

            hit += cursor;
            var start = strings.Slice(cursor, hit - cursor).LastIndexOf((byte)0) is var nul and >= 0 ? cursor + nul + 1 : cursor;
            var end = hit + strings.Slice(hit).IndexOf((byte)0);
            state.Candidate(strings.Slice(start, end - start));
            cursor = end + 1;
        }
    }

    private static ReadOnlySpan<byte> SoBytes => ".so"u8;
#endif

    private sealed class ScanState
    {
        private static readonly byte[][] MarkerBytes = CreateMarkerBytes();
        private readonly bool _collectMarkers;
        private readonly byte[] _current = new byte[KeptStringBytes];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly bool[] _markerFound = new bool[MarkerBytes.Length];
        private int _length;
        private int _markersLeft;

        public ScanState(bool collectMarkers)
        {
            _collectMarkers = collectMarkers;
            _markersLeft = collectMarkers ? MarkerBytes.Length : 0;
        }

        public List<string> Sonames { get; } = [];

        public List<string> Markers { get; } = [];

        public void StartString() => _length = 0;

        public void Append(byte[] bytes, int start, int count)
        {
            if (count <= 0)
            {
                return;
            }

            if (_length < _current.Length)
            {
                Buffer.BlockCopy(bytes, start, _current, _length, Math.Min(count, _current.Length - _length));
            }

            // Counting past the kept bytes tells over-long strings apart from sonames.
            _length = (int)Math.Min(int.MaxValue, (long)_length + count);
        }

        public void EndString()
        {
            if (_length >= 7 && _length <= SonameText.MaximumLength
                && _current[0] == (byte)'l' && _current[1] == (byte)'i' && _current[2] == (byte)'b')
            {
                var text = AsciiSoname(_length);
                if (text is not null && SonameText.LooksLikeSoname(text) && _seen.Add(text))
                {
                    Sonames.Add(text);
                }
            }

            if (_markersLeft > 0 && _length >= 7)
            {
                var kept = Math.Min(_length, _current.Length);
                for (var marker = 0; marker < MarkerBytes.Length; marker++)
                {
                    if (!_markerFound[marker] && ByteSearch.IndexOf(_current, kept, MarkerBytes[marker]) >= 0)
                    {
                        Found(marker);
                    }
                }
            }

            _length = 0;
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// The markers not found yet that occur in <paramref name="strings"/> (whole strings: a marker holds no NUL, so
        /// it cannot straddle two of them).
        /// </summary>
        public void FindMarkers(ReadOnlySpan<byte> strings)
        {
            for (var marker = 0; _markersLeft > 0 && marker < MarkerBytes.Length; marker++)
            {
                if (!_markerFound[marker] && strings.IndexOf(MarkerBytes[marker]) >= 0)
                {
                    Found(marker);
                }
            }
        }

        /// <summary>One whole string that contains ".so": kept when it is a soname not seen before.</summary>
        public void Candidate(ReadOnlySpan<byte> text)
        {
            if (text.Length < 7 || text.Length > SonameText.MaximumLength || text[0] != (byte)'l' || text[1] != (byte)'i' || text[2] != (byte)'b')
            {
                return;
            }

            text.CopyTo(_current);
            var soname = AsciiSoname(text.Length);
            if (soname is not null && SonameText.LooksLikeSoname(soname) && _seen.Add(soname))
            {
                Sonames.Add(soname);
            }
        }
#endif

        private void Found(int marker)
        {
            _markerFound[marker] = true;
            _markersLeft--;
            Markers.Add(GlibcMarkerStrings[marker]);
        }

        private string? AsciiSoname(int length)
        {
            for (var index = 0; index < length; index++)
            {
                if (!SonameText.IsSonameCharacter((char)_current[index]))
                {
                    return null;
                }
            }

            return Encoding.ASCII.GetString(_current, 0, length);
        }

        private static byte[][] CreateMarkerBytes()
        {
            var markers = new byte[GlibcMarkerStrings.Count][];
            for (var index = 0; index < markers.Length; index++)
            {
                markers[index] = Encoding.ASCII.GetBytes(GlibcMarkerStrings[index]);
            }

            return markers;
        }
    }
}
