using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Builds a cache entry once: in a private temporary folder that is then renamed into place. A rename within one
/// file system is atomic, so two test processes building the same entry at once both end with one complete copy (the
/// loser of the race throws its copy away), and an interrupted build never leaves a half-made entry under the final
/// name.
/// </summary>
internal static class CachedBuild
{
    /// <summary>A short, stable key for <paramref name="text"/> (a package list, a source file).</summary>
    public static string Hash(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(digest, 0, 6).ToLowerInvariant();
    }

    /// <summary>
    /// Returns <paramref name="finalDirectory"/>, first filling it with <paramref name="build"/> (given an empty
    /// temporary folder beside it) unless an earlier build already made it.
    /// </summary>
    public static string Directory(string finalDirectory, Action<string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (System.IO.Directory.Exists(finalDirectory))
        {
            return finalDirectory;
        }

        var parent = Path.GetDirectoryName(finalDirectory) ?? throw new ArgumentException("no parent", nameof(finalDirectory));
        System.IO.Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, ".tmp-" + Path.GetFileName(finalDirectory) + "-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            build(temporary);
            System.IO.Directory.Move(temporary, finalDirectory);
        }
        catch (IOException) when (System.IO.Directory.Exists(finalDirectory))
        {
            // Another process finished the same entry first; its copy is as good as ours.
        }
        finally
        {
            if (System.IO.Directory.Exists(temporary))
            {
                System.IO.Directory.Delete(temporary, recursive: true);
            }
        }

        return finalDirectory;
    }
}
