using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace StaticLink.Core.Scanning;

/// <summary>
/// A file that another process is still writing (a second publish copying into the same directory, a slow copy) reads
/// as truncated, and one removed meanwhile reads as missing: neither is what will ship. Only after a failed read, the
/// file is watched until it has been quiet for <see cref="Quiet"/> (at most <see cref="Limit"/>), so that the scanner
/// can read it once more, whole. A file that has not changed costs one stat.
/// </summary>
internal static class SettlingFile
{
    /// <summary>How long a file must go unwritten to count as finished. Copies write far more often than this.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a check waits for one file; past it, the file is judged as it is, and the reason says so.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>What became of a file whose read failed, seen <paramref name="seenLength"/> bytes long when listed.</summary>
    public static SettlingOutcome Wait(string path, long seenLength)
    {
        var started = DateTime.UtcNow;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return SettlingOutcome.Removed;
        }

        if (info.Length == seenLength && started - info.LastWriteTimeUtc >= Quiet)
        {
            return SettlingOutcome.Unchanged;
        }

        while (DateTime.UtcNow - started < Limit)
        {
            Thread.Sleep(Poll);
            info.Refresh();
            if (!info.Exists)
            {
                return SettlingOutcome.Removed;
            }

            if (DateTime.UtcNow - info.LastWriteTimeUtc >= Quiet)
            {
                return SettlingOutcome.Settled;
            }
        }

        return SettlingOutcome.StillChanging;
    }

    /// <summary>The file's length now, or <paramref name="fallback"/> when it cannot be asked (gone again).</summary>
    public static long LengthOr(string path, long fallback)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    /// <summary>The reason a read failed for a file that was changing, on top of the reader's own reason.</summary>
    public static string Describe(SettlingOutcome outcome, string reason) => outcome switch
    {
        SettlingOutcome.Removed => "it was removed while the check was reading it (the output changed during the check); check again once the publish has finished",
        SettlingOutcome.StillChanging => string.Format(CultureInfo.InvariantCulture, "it was still being written {0} s after the check first read it, so it is judged as it was: {1}", Limit.TotalSeconds, reason),
        _ => reason,
    };
}
