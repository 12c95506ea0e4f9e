using System;
using System.IO;

namespace StaticLink.Core;

/// <summary>
/// Writes a report so that a reader never sees half of it and two writers never interleave: into a file of its own
/// beside the target, then renamed over it (rename(2) is atomic on one file system). Concurrent publishes of several
/// runtime identifiers, or of two projects that share a report path, each leave one whole report; the last one wins.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
            }

            Replace(temporary, fullPath);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Replace(string temporary, string destination)
    {
#if NETSTANDARD2_0
        // No File.Move(…, overwrite) here: File.Replace needs an existing destination, a plain move a missing one.
        if (File.Exists(destination))
        {
            File.Replace(temporary, destination, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, destination);
        }
#else
        File.Move(temporary, destination, overwrite: true);
#endif
    }
}
