using System;
using System.IO;

namespace StaticLink.Core.Reporting;

/// <summary>The two kinds of URI a SARIF log holds: a base directory (file:///..., ending in '/') and paths relative to it.</summary>
internal static class SarifUris
{
    /// <summary>"/srv/app/publish" -> "file:///srv/app/publish/".</summary>
    public static string DirectoryUri(string directory)
    {
        var full = Path.GetFullPath(directory);
        var uri = new Uri(full).AbsoluteUri;
        return uri[uri.Length - 1] == '/' ? uri : uri + "/";
    }

    /// <summary>"runtimes/linux x64/libé.so" -> "runtimes/linux%20x64/lib%C3%A9.so": each segment escaped, '/' kept.</summary>
    public static string RelativeUri(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        for (var index = 0; index < parts.Length; index++)
        {
            parts[index] = Uri.EscapeDataString(parts[index]);
        }

        return string.Join("/", parts);
    }

    /// <summary>
    /// The checked root's path below <paramref name="baseDirectory"/>, '/'-separated and ending in '/' ("" when they are
    /// the same); null when the root is not inside it.
    /// </summary>
    public static string? PrefixBelow(string baseDirectory, string root)
    {
        var baseFull = Trimmed(Path.GetFullPath(baseDirectory));
        var rootFull = Trimmed(Path.GetFullPath(root));
        if (string.Equals(baseFull, rootFull, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var withSeparator = baseFull + Path.DirectorySeparatorChar;
        if (!rootFull.StartsWith(withSeparator, StringComparison.Ordinal))
        {
            return null;
        }

        return rootFull.Substring(withSeparator.Length).Replace('\\', '/') + "/";
    }

    private static string Trimmed(string path) =>
        path.Length > 1 && (path[path.Length - 1] == '/' || path[path.Length - 1] == Path.DirectorySeparatorChar) ? path.TrimEnd('/', Path.DirectorySeparatorChar) : path;
}
