using System;
using System.Globalization;

namespace StaticLink.Core.Bundles;

/// <summary>Short, stable names for bundle values in reports; unknown values still print.</summary>
public static class BundleNames
{
    public static string EntryType(BundleEntryType type) => type switch
    {
        BundleEntryType.Unknown => "unknown",
        BundleEntryType.Assembly => "assembly",
        BundleEntryType.NativeBinary => "native",
        BundleEntryType.DepsJson => "deps-json",
        BundleEntryType.RuntimeConfigJson => "runtimeconfig-json",
        BundleEntryType.Symbols => "symbols",
        _ => "type-" + ((byte)type).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// How an entry is named in reports: the host's path, "!/", the path inside the bundle (as jar: URLs name a
    /// file inside an archive), e.g. "app!/libe_sqlite3.so". A publish directory has no folder named "app!", so the
    /// name cannot be mistaken for a real file of the output.
    /// </summary>
    public static string EntryPath(string hostPath, string entryPath) => hostPath + EntrySeparator + entryPath;

    /// <summary>The file on disk a report path stands for: the bundle host for an embedded entry, else the path itself.</summary>
    public static string HostPath(string reportPath)
    {
        var separator = reportPath.IndexOf(EntrySeparator, StringComparison.Ordinal);
        return separator < 0 ? reportPath : reportPath.Substring(0, separator);
    }

    private const string EntrySeparator = "!/";
}
