using StaticLink.Core.Json;
using System.Globalization;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Targets;

/// <summary>A target file being read: its name and its text, so that every problem names the file, line and column.</summary>
internal readonly struct TargetFileSource
{
    private readonly JsonSource _json;

    public TargetFileSource(JsonSource json, string name)
    {
        _json = json;
        Name = name;
    }

    public string Name { get; }

    /// <param name="at">The pointer (RFC 6901) of the value the problem is about.</param>
    public TargetFileException Problem(string at, string reason) =>
        new(string.Format(CultureInfo.InvariantCulture, "{0}: {1}: {2}", Name, _json.Position(at), reason));
}
