using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;

namespace StaticLink.Benchmarks;

/// <summary>The reader alone over a file list: the first pass includes JIT and a cold page cache, the best pass does not.</summary>
internal static class ReaderBenchmark
{
    public static void Run(string listPath, int passes, TextWriter output)
    {
        var paths = new List<string>();
        foreach (var line in File.ReadLines(listPath))
        {
            if (line.Length > 0)
            {
                paths.Add(line);
            }
        }

        double? best = null;
        long bytes = 0;
        long errors = 0;
        for (var pass = 1; pass <= Math.Max(1, passes); pass++)
        {
            bytes = 0;
            errors = 0;
            var clock = Stopwatch.StartNew();
            foreach (var path in paths)
            {
                var inspection = ElfReader.Inspect(path);
                if (inspection.File is { } file)
                {
                    bytes += file.Length;
                }
                else
                {
                    errors++;
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "reader pass {0}: {1:F3} s", pass, seconds));
            best = best is null ? seconds : Math.Min(best.Value, seconds);
        }

        var (readBytes, reads) = CountReads(paths);
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "reader I/O: {0:F1} MB read in {1} read calls ({2:F1} KB and {3:F1} reads per file)",
            readBytes / (1024.0 * 1024.0),
            reads,
            readBytes / 1024.0 / Math.Max(1, paths.Count),
            reads / (double)Math.Max(1, paths.Count)));

        using var process = Process.GetCurrentProcess();
        var megabytes = bytes / (1024.0 * 1024.0);
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "reader alone: {0} files ({1} not read), {2:F0} MB, best pass {3:F3} s: {4:F0} files/s, {5:F0} MB/s, peak working set {6:F1} MB",
            paths.Count,
            errors,
            megabytes,
            best,
            paths.Count / best!.Value,
            megabytes / best.Value,
            process.PeakWorkingSet64 / (1024.0 * 1024.0)));
    }

    // How much of the files the reader touches: the point of reading "only the parts it needs".
    private static (long Bytes, long Reads) CountReads(List<string> paths)
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
                    ElfReader.Read(stream);
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
                // Unreadable files are counted by the timed passes.
            }
        }

        return (bytes, reads);
    }
}
