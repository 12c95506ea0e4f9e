using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;

namespace StaticLink.Benchmarks;

/// <summary>How much of the files the reader touches: the point of reading "only the parts it needs". Not timed.</summary>
internal static class ReaderInputOutput
{
    public static void Write(string listPath, TextWriter output)
    {
        var paths = new List<string>();
        foreach (var line in File.ReadLines(listPath))
        {
            if (line.Length > 0)
            {
                paths.Add(line);
            }
        }

        foreach (var (name, options) in new[] { ("summary (inspect)", ElfReadOptions.Summary), ("default (check)", ElfReadOptions.Default) })
        {
            var (bytes, reads) = Count(paths, options);
            output.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "reader I/O, {0}: {1:F1} MB read in {2} read calls ({3:F1} KB and {4:F1} reads per file)",
                name,
                bytes / (1024.0 * 1024.0),
                reads,
                bytes / 1024.0 / Math.Max(1, paths.Count),
                reads / (double)Math.Max(1, paths.Count)));
        }
    }

    private static (long Bytes, long Reads) Count(List<string> paths, ElfReadOptions options)
    {
        long bytes = 0;
        long reads = 0;
        foreach (var path in paths)
        {
            try
            {
                using var stream = new CountingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.RandomAccess));
                try
                {
                    ElfReader.Read(stream, options);
                }
                catch (ElfFormatException)
                {
                    // Malformed files still count what was read before the reader gave up.
                }

                bytes += stream.BytesRead;
                reads += stream.Reads;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable file reads nothing.
            }
        }

        return (bytes, reads);
    }
}
