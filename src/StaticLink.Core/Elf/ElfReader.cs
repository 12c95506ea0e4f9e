using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Security;

namespace StaticLink.Core.Elf;

/// <summary>
/// Reads the facts of an ELF file. Malformed input raises <see cref="ElfFormatException"/> and nothing else;
/// I/O problems (missing file, no permission) raise the usual <see cref="IOException"/> family from the Read methods
/// and become an error answer from <see cref="Inspect(string)"/>, which never throws.
/// Only the structures needed are read, so a 100 MB library costs a few small reads.
/// </summary>
/// <remarks>
/// Why its own reader and not a library: the maintained .NET ELF library, LibObjectFile, reads every section of a file
/// into objects (what an editor of object files needs), and reads a stream from start to end. A gate needs the
/// headers, the dynamic table, the version needs and a few notes. Measured by build/bench.sh over the 3,681 ELF files
/// of the bench machine (3.8 GB): this reader reads 21 KB per file in 4.3 read calls as inspect reads (76 MB in all),
/// 29 KB in 5.1 with the version needs named as check reads; a reader of whole files would read all 3.8 GB.
/// The LibObjectFile benchmark of build/bench.sh dotnet puts the two side by side on the largest library.
/// It must also turn any malformed input into one <see cref="ElfFormatException"/> with an offset (the fault matrix
/// and the mutation tests hold it to that), and agree with readelf on every file of the machine (the corpus tests).
/// </remarks>
public static class ElfReader
{
    /// <summary>True when the first four bytes of the file are 0x7f 'E' 'L' 'F'.</summary>
    public static bool HasElfMagic(string path)
    {
        using var stream = OpenRead(path);
        return HasElfMagic(stream);
    }

    /// <summary>True when the stream starts with the ELF magic; the position is left after the bytes read.</summary>
    public static bool HasElfMagic(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        var magic = new byte[4];
        var filled = 0;
        while (filled < magic.Length)
        {
            var read = stream.Read(magic, filled, magic.Length - filled);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return IsElfMagic(magic);
    }

    /// <summary>True when <paramref name="bytes"/> start with 0x7f 'E' 'L' 'F': the one place the magic is spelled.</summary>
    internal static bool IsElfMagic(byte[] bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';

    public static ElfFile Read(string path) => Read(path, ElfReadOptions.Default);

    public static ElfFile Read(string path, ElfReadOptions options)
    {
        using var stream = OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads from a seekable stream; only the parts that are needed are read.</summary>
    public static ElfFile Read(Stream stream) => Read(stream, ElfReadOptions.Default);

    public static ElfFile Read(Stream stream, ElfReadOptions options)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (!stream.CanSeek)
        {
            throw new ArgumentException("The ELF reader needs a seekable stream.", nameof(stream));
        }

        return Parse(new ElfByteSource(stream), options);
    }

    private static ElfFile Parse(ElfByteSource source, ElfReadOptions options)
    {
        try
        {
            return ElfParser.Parse(source, options);
        }
        catch (ElfFormatException)
        {
            throw;
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentException or IndexOutOfRangeException or OutOfMemoryException)
        {
            // Every size is checked before use; this is the last line of defence, so that a missed check in the
            // parser still reaches the user as a malformed file, not a crash of their build.
            throw new ElfFormatException(0, "malformed ELF file: " + exception.Message, exception);
        }
    }

    public static ElfFile Read(byte[] bytes)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream);
    }

    /// <summary>Reads a file; a malformed file gives false and the reason. I/O errors still throw.</summary>
    public static bool TryRead(string path, out ElfFile? file, out ElfFormatException? error)
    {
        try
        {
            file = Read(path);
            error = null;
            return true;
        }
        catch (ElfFormatException exception)
        {
            file = null;
            error = exception;
            return false;
        }
    }

    /// <summary>Answers for any path: ELF facts, not ELF, or an error (directory, unreadable, malformed, dangling symlink).</summary>
    public static ElfInspection Inspect(string path) => Inspect(path, ElfReadOptions.Default);

    /// <inheritdoc cref="Inspect(string)"/>
    public static ElfInspection Inspect(string path, ElfReadOptions options) => Inspect(path, options, null);

    /// <summary>
    /// <see cref="Inspect(string, ElfReadOptions)"/>, and when the file has a length and is not ELF,
    /// <paramref name="readNotElf"/> reads it through a stream over the same open file, before it is closed: the
    /// scanner reads each .NET assembly of a publish this way, instead of opening it a second time. An open and a
    /// close were 10 of the 33 microseconds an assembly without P/Invokes cost; over the 192 files of a
    /// self-contained publish (173 assemblies) the warm scan went from 7.8 to 7.1 ms (mean of 150 scans, 2 cores).
    /// In the gate's cold run the difference is within its noise.
    /// <para>
    /// Where files are not opened with <see cref="NonBlockingOpen"/>, <paramref name="readNotElf"/> is not called and
    /// the caller opens the file itself. An exception from <paramref name="readNotElf"/> is thrown to the caller once
    /// the file is closed, as if the caller had read the file itself.
    /// </para>
    /// </summary>
    internal static ElfInspection Inspect(string path, ElfReadOptions options, Action<Stream>? readNotElf)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        ExceptionDispatchInfo? readFailure = null;
        var inspection = InspectPath(path, options, readNotElf is null ? null : stream =>
        {
            try
            {
                readNotElf(stream);
            }
#pragma warning disable CA1031 // Not the ELF reader's to judge: thrown to the caller below, once the file is closed.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                readFailure = ExceptionDispatchInfo.Capture(exception);
            }
        });
        readFailure?.Throw();
        return inspection;
    }

    private static ElfInspection InspectPath(string path, ElfReadOptions options, Action<Stream>? readNotElf)
    {
        try
        {
#if NET
            if (NonBlockingOpen.IsSupported)
            {
                // Opened without blocking, a FIFO is harmless: like a device or an empty file it has no length.
                using var handle = NonBlockingOpen.Open(path);
                var source = new ElfByteSource(handle);
                var inspection = InspectSource(path, source, options);
                if (readNotElf is not null && inspection.Kind == ElfInspectionKind.NotElf && source.Length > 0)
                {
                    using var sameFile = new HandleStream(handle, source.Length);
                    readNotElf(sameFile);
                }

                return inspection;
            }
#else
            _ = readNotElf;
#endif

            // A FIFO named like a library would block open(2) until some writer appears, so the reader would hang. FIFOs
            // and devices report no length, like empty files: all of them are "not ELF" without being opened.
            if (HasNoLength(path))
            {
                return ElfInspection.ForNotElf(path);
            }

            using var stream = OpenRead(path);
            return InspectSource(path, new ElfByteSource(stream), options);
        }
        catch (ElfFormatException exception)
        {
            return ElfInspection.ForError(path, exception.Reason, exception.Offset);
        }
        catch (UnauthorizedAccessException)
        {
            return ElfInspection.ForError(path, Directory.Exists(path) ? "is a directory" : "permission denied");
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return ElfInspection.ForError(path, DescribeMissing(path));
        }
        catch (Exception exception) when (exception is IOException or SecurityException or NotSupportedException or ArgumentException)
        {
            return ElfInspection.ForError(path, Directory.Exists(path) ? "is a directory" : exception.Message);
        }
    }

    /// <summary>
    /// Open first and explain afterwards: errors cost no extra calls in the common case of a readable file. The magic
    /// is checked in the first page, which the parser reads next anyway: one read call fewer per file (of about ten),
    /// measured over the 3,681 ELF files of the bench machine.
    /// </summary>
    private static ElfInspection InspectSource(string path, ElfByteSource source, ElfReadOptions options)
    {
        if (source.Length == 0 || !source.StartsWithElfMagic())
        {
            return ElfInspection.ForNotElf(path);
        }

        return ElfInspection.ForElf(path, Parse(source, options));
    }

    private static bool HasNoLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == 0;
    }

    private static string DescribeMissing(string path)
    {
#if NET
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                return $"dangling symbolic link to {info.LinkTarget}";
            }
        }
        catch (IOException)
        {
            // Fall through to the plain answer.
        }
#endif
        return "no such file";
    }

    private static FileStream OpenRead(string path) =>

        // No read-ahead buffer: the reader jumps between a handful of small structures, so buffering reads bytes it
        // never looks at.
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
}
