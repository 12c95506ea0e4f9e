namespace StaticLink.Core;

/// <summary>
/// Paths as ELF files and reports write them: '/'-separated whatever the host, so System.IO.Path (which splits on '\\'
/// too on Windows) would misread an interpreter path or a bundle entry there.
/// </summary>
internal static class ForwardSlashPath
{
    /// <summary>The part after the last '/', or the whole path when there is none.</summary>
    public static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
