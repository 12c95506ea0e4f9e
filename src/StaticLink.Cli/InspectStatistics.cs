using System.Diagnostics;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;

namespace StaticLink.Cli;

/// <summary>The benchmark's whole-command figures (inspect --stats): files/s, MB/s of ELF files covered, peak memory.</summary>
internal sealed class InspectStatistics
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _files;
    private long _elfFiles;
    private long _elfBytes;

    private InspectStatistics()
    {
    }

    public static InspectStatistics Start() => new();

    public void Count(ElfInspection inspection)
    {
        _files++;
        if (inspection.File is { } elf)
        {
            _elfFiles++;
            _elfBytes += elf.Length;
        }
    }

    public void Report(TextWriter error)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        var peakMegabytes = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        var megabytes = _elfBytes / (1024.0 * 1024.0);
        error.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "stats: {0} files ({1} ELF, {2:F1} MB) in {3:F3} s: {4:F0} files/s, {5:F0} MB/s, peak working set {6:F1} MB",
            _files,
            _elfFiles,
            megabytes,
            seconds,
            seconds > 0 ? _files / seconds : 0,
            seconds > 0 ? megabytes / seconds : 0,
            peakMegabytes));
    }
}
