using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Policy;

/// <summary>
/// The command line's rules file: the same rules as the MSBuild items, in JSON.
/// <code>
/// {
///   "policy": "musl-portable",
///   "maxGlibcVersion": "2.28",
///   "maxVersions": { "GLIBC": "2.28", "GLIBCXX": "3.4.22" },
///   "allow":  [ "libz.so.1", { "pattern": "libssl.so.*", "reason": "OpenSSL comes with the base image" } ],
///   "deny":   [ { "pattern": "libgdiplus.so*" } ],
///   "ignore": [ { "pattern": "libcoreclrtraceptprovider.so", "reason": "no LTTng" } ]
/// }
/// </code>
/// Comments and trailing commas are allowed. Every problem (malformed JSON, an unknown property, a value of the wrong
/// type) becomes one SL1007 finding with the file, line and column; what is valid is kept.
/// </summary>
public sealed class RulesFile
{
    private static readonly string[] KnownProperties = ["$schema", "policy", "maxGlibcVersion", "maxVersions", "allow", "deny", "ignore"];

    private readonly List<Finding> _problems = [];
    private readonly List<VersionLimit> _maxVersions = [];
    private readonly List<LibraryRule> _allow = [];
    private readonly List<LibraryRule> _deny = [];
    private readonly List<IgnoreRule> _ignore = [];

    // The document being read, for the line and column of each problem; null once it has been read.
    private JsonSource? _source;

    private RulesFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string? PolicyName { get; private set; }

    public string? MaxGlibcVersion { get; private set; }

    public IReadOnlyList<VersionLimit> MaxVersions => _maxVersions;

    public IReadOnlyList<LibraryRule> Allow => _allow;

    public IReadOnlyList<LibraryRule> Deny => _deny;

    public IReadOnlyList<IgnoreRule> Ignore => _ignore;

    /// <summary>SL1007 findings; empty when the file is valid.</summary>
    public IReadOnlyList<Finding> Problems => _problems;

    /// <summary>Reads and validates a rules file; never throws for a missing, unreadable or malformed file.</summary>
    public static RulesFile Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                var missing = new RulesFile(path);
                missing.Problem("the rules file does not exist", "Check the path given to --rules.");
                return missing;
            }

            if (info.Length > JsonSource.MaximumLength)
            {
                var large = new RulesFile(path);
                large.Problem(string.Format(CultureInfo.InvariantCulture, "the rules file is {0} bytes, more than a rules file can be ({1})", info.Length, JsonSource.MaximumLength), "Point --rules at the JSON rules file.");
                return large;
            }

            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            var unreadable = new RulesFile(path);
            unreadable.Problem("the rules file could not be read: " + exception.Message, "Check the path and that the file is UTF-8 text.");
            return unreadable;
        }

        return Parse(text, path);
    }

    /// <summary>Validates rules given as JSON text; <paramref name="path"/> names the source in findings.</summary>
    public static RulesFile Parse(string json, string path)
    {
        var file = new RulesFile(path ?? "rules.json");
        using var source = JsonSource.TryParse(json ?? string.Empty, out var syntaxProblem);
        if (source is null)
        {
            file.Problem(syntaxProblem, "Fix the JSON syntax.");
            return file;
        }

        file._source = source;
        try
        {
            file.Read(source.Root);
        }
        finally
        {
            file._source = null;
        }

        return file;
    }

    private void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            ProblemAt(string.Empty, $"the document is {JsonSource.KindName(root)}, expected an object", "Write the rules as one JSON object, e.g. { \"allow\": [\"libz.so.1\"] }.");
            return;
        }

        foreach (var member in root.EnumerateObject())
        {
            var at = JsonSource.Child(string.Empty, member.Name);
            switch (member.Name)
            {
                case "$schema":
                    break;
                case "policy":
                    PolicyName = ReadString(member.Value, at, "policy", "glibc-portable, musl-portable or static");
                    break;
                case "maxGlibcVersion":
                    MaxGlibcVersion = ReadString(member.Value, at, "maxGlibcVersion", "a version such as \"2.28\"");
                    break;
                case "maxVersions":
                    ReadMaxVersions(member.Value, at);
                    break;
                case "allow":
                    ReadRules(member.Value, at, "allow", (pattern, reason) => _allow.Add(new LibraryRule(pattern, reason)));
                    break;
                case "deny":
                    ReadRules(member.Value, at, "deny", (pattern, reason) => _deny.Add(new LibraryRule(pattern, reason)));
                    break;
                case "ignore":
                    ReadRules(member.Value, at, "ignore", (pattern, reason) => _ignore.Add(new IgnoreRule(pattern, reason)));
                    break;
                default:
                    ProblemAt(at, $"unknown property \"{member.Name}\"", "Use only " + string.Join(", ", KnownProperties) + ".");
                    break;
            }
        }

    }

    private string? ReadString(JsonElement value, string at, string name, string expected)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind == JsonValueKind.Number && name == "maxGlibcVersion")
        {
            // "maxGlibcVersion": 2.28 is what people type; a number keeps its text, so nothing is lost.
            return value.GetRawText();
        }

        ProblemAt(at, $"\"{name}\" is {JsonSource.KindName(value)}, expected a string", $"Write it as a string: {expected}.");
        return null;
    }

    private void ReadMaxVersions(JsonElement value, string at)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            ProblemAt(at, $"\"maxVersions\" is {JsonSource.KindName(value)}, expected an object", "Write it as { \"GLIBC\": \"2.28\", \"GLIBCXX\": \"3.4.22\" }.");
            return;
        }

        foreach (var member in value.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.String)
            {
                _maxVersions.Add(new VersionLimit(member.Name, member.Value.GetString()!));
            }
            else if (member.Value.ValueKind == JsonValueKind.Number)
            {
                _maxVersions.Add(new VersionLimit(member.Name, member.Value.GetRawText()));
            }
            else
            {
                ProblemAt(JsonSource.Child(at, member.Name), $"\"maxVersions\".\"{member.Name}\" is {JsonSource.KindName(member.Value)}, expected a version string", "Write it as a string such as \"2.28\".");
            }
        }
    }

    private void ReadRules(JsonElement value, string at, string name, Action<string, string?> add)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            ProblemAt(at, $"\"{name}\" is {JsonSource.KindName(value)}, expected an array", $"Write it as [ \"libz.so.1\", {{ \"pattern\": \"libssl.so.*\", \"reason\": \"...\" }} ].");
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemAt = JsonSource.Child(at, index++);
            if (item.ValueKind == JsonValueKind.String)
            {
                add(item.GetString()!, null);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                ProblemAt(itemAt, $"an item of \"{name}\" is {JsonSource.KindName(item)}, expected a string or an object", "Write a pattern as \"libz.so.1\" or { \"pattern\": \"libz.so.1\", \"reason\": \"...\" }.");
                continue;
            }

            string? pattern = null;
            string? reason = null;
            var valid = true;
            foreach (var member in item.EnumerateObject())
            {
                var memberAt = JsonSource.Child(itemAt, member.Name);
                if (member.Name == "pattern" && member.Value.ValueKind == JsonValueKind.String)
                {
                    pattern = member.Value.GetString();
                }
                else if (member.Name == "reason" && member.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                {
                    reason = member.Value.GetString();
                }
                else if (member.Name == "pattern" || member.Name == "reason")
                {
                    ProblemAt(memberAt, $"\"{member.Name}\" of an item of \"{name}\" is {JsonSource.KindName(member.Value)}, expected a string", "Write it as a string.");
                    valid = false;
                }
                else
                {
                    ProblemAt(memberAt, $"unknown property \"{member.Name}\" in an item of \"{name}\"", "Use only \"pattern\" and \"reason\".");
                    valid = false;
                }
            }

            if (pattern is null && valid)
            {
                ProblemAt(itemAt, $"an item of \"{name}\" has no \"pattern\"", "Add \"pattern\": \"libz.so.1\" (a soname or glob).");
                continue;
            }

            if (pattern is not null)
            {
                // An empty pattern is kept so the rule validation reports it with the same wording as MSBuild's.
                add(pattern, reason);
            }
        }
    }

    /// <param name="at">The pointer of the value the problem is about, while the document is being read.</param>
    private void ProblemAt(string at, string reason, string fix) =>
        Problem(_source is null ? reason : _source.Position(at) + ": " + reason, fix);

    private void Problem(string reason, string fix)
    {
        var name = System.IO.Path.GetFileName(Path);
        _problems.Add(new Finding(
            DiagnosticCodes.InvalidConfiguration,
            FindingSeverity.Error,
            Path,
            $"The rules file {name} is invalid: {reason}.",
            null,
            "rules file " + name,
            new FindingFix(FixStep.Advice(fix.TrimEnd('.')))));
    }
}
