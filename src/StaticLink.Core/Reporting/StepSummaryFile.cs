using System;
using System.IO;
using System.Text;
using System.Threading;

namespace StaticLink.Core.Reporting;

/// <summary>
/// Appends to a CI job summary ($GITHUB_STEP_SUMMARY), which other steps and other projects of the same build append
/// to as well: never truncated, and each text written whole. The file is held exclusively while writing (on Unix .NET
/// takes an advisory lock for FileShare.None), and the text goes out in one write, so two projects publishing in
/// parallel each add their section intact.
/// </summary>
public static class StepSummaryFile
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static void Append(string path, string text)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var bytes = new UTF8Encoding(false).GetBytes(text ?? string.Empty);
        var started = DateTime.UtcNow;
        var delay = 10;
        while (true)
        {
            try
            {
                // bufferSize 1: no FileStream buffer, so the bytes reach the file in one write call.
                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
                stream.Write(bytes, 0, bytes.Length);
                return;
            }
            catch (IOException) when (File.Exists(path) && DateTime.UtcNow - started < Patience)
            {
                // Another writer holds the file; wait for it rather than interleave.
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 500);
            }
        }
    }
}
