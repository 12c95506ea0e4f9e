using System.Collections.Generic;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>What GNU readelf -d -l -V printed for one file: the ground truth of the differential test.</summary>
internal sealed class ReadelfFacts
{
    public ReadelfFacts(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string? Interpreter { get; set; }

    public List<string> Needed { get; } = [];

    public List<string> Sonames { get; } = [];

    public List<string> Rpaths { get; } = [];

    public List<string> Runpaths { get; } = [];

    /// <summary>Version needs section entries in file order: library, then its version names in file order.</summary>
    public List<(string Library, List<string> Versions)> VersionNeeds { get; } = [];

    /// <summary>Messages readelf wrote to stderr for this file (attributed by re-running it alone).</summary>
    public List<string> Diagnostics { get; } = [];

    public bool Rejected => Diagnostics.Exists(d => d.Contains("Error:", System.StringComparison.Ordinal));
}
