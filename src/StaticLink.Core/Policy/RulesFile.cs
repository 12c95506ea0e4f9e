using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
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
/// Every problem (malformed JSON, an unknown property, a value of the wrong type) becomes one SL1007 finding with
/// the file, line and column; what is valid is kept.
/// </summary>
public sealed class RulesFile
{
    private static readonly string[] KnownProperties = ["$schema", "policy", "maxGlibcVersion", "maxVersions", "allow", "deny", "ignore"];

    private readonly List<Finding> _problems = [];
    private readonly List<VersionLimit> _maxVersions = [];
    private readonly List<LibraryRule> _allow = [];
    private readonly List<LibraryRule> _deny = [];
    private readonly List<IgnoreRule> _ignore = [];

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
                missing.Problem(null, "the rules file does not exist", "Check the path given to --rules.");
                return missing;
            }

            if (info.Length > JsonReader.MaximumLength)
            {
                var large = new RulesFile(path);
                large.Problem(null, string.Format(CultureInfo.InvariantCulture, "the rules file is {0} bytes, more than a rules file can be ({1})", info.Length, JsonReader.MaximumLength), "Point --rules at the JSON rules file.");
                return large;
            }

            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            var unreadable = new RulesFile(path);
            unreadable.Problem(null, "the rules file could not be read: " + exception.Message, "Check the path and that the file is UTF-8 text.");
            return unreadable;
        }

        return Parse(text, path);
    }

    /// <summary>Validates rules given as JSON text; <paramref name="path"/> names the source in findings.</summary>
    public static RulesFile Parse(string json, string path)
    {
        var file = new RulesFile(path ?? "rules.json");
        JsonValue root;
        try
        {
            root = JsonReader.Parse(json ?? string.Empty);
        }
        catch (JsonParseException exception)
        {
            file.Problem(null, $"line {exception.Line}, column {exception.Column}: {exception.Reason}", "Fix the JSON syntax.");
            return file;
        }

        if (root.Kind != JsonValueKind.Object)
        {
            file.Problem(root, $"the document is {root.KindName}, expected an object", "Write the rules as one JSON object, e.g. { \"allow\": [\"libz.so.1\"] }.");
            return file;
        }

        foreach (var member in root.Members)
        {
            switch (member.Key)
            {
                case "$schema":
                    break;
                case "policy":
                    file.PolicyName = file.ReadString(member.Value, "policy", "glibc-portable, musl-portable or static");
                    break;
                case "maxGlibcVersion":
                    file.MaxGlibcVersion = file.ReadString(member.Value, "maxGlibcVersion", "a version such as \"2.28\"");
                    break;
                case "maxVersions":
                    file.ReadMaxVersions(member.Value);
                    break;
                case "allow":
                    file.ReadRules(member.Value, "allow", (pattern, reason) => file._allow.Add(new LibraryRule(pattern, reason)));
                    break;
                case "deny":
                    file.ReadRules(member.Value, "deny", (pattern, reason) => file._deny.Add(new LibraryRule(pattern, reason)));
                    break;
                case "ignore":
                    file.ReadRules(member.Value, "ignore", (pattern, reason) => file._ignore.Add(new IgnoreRule(pattern, reason)));
                    break;
                default:
                    file.Problem(member.Value, $"unknown property \"{member.Key}\"", "Use only " + string.Join(", ", KnownProperties) + ".");
                    break;
            }
        }

        return file;
    }

    private string? ReadString(JsonValue value, string name, string expected)
    {
        if (value.Kind == JsonValueKind.String)
        {
            return value.Text;
        }

        if (value.Kind == JsonValueKind.Number && name == "maxGlibcVersion")
        {
            // "maxGlibcVersion": 2.28 is what people type; a number keeps its text, so nothing is lost.
            return value.Text;
        }

        Problem(value, $"\"{name}\" is {value.KindName}, expected a string", $"Write it as a string: {expected}.");
        return null;
    }

    private void ReadMaxVersions(JsonValue value)
    {
        if (value.Kind != JsonValueKind.Object)
        {
            Problem(value, $"\"maxVersions\" is {value.KindName}, expected an object", "Write it as { \"GLIBC\": \"2.28\", \"GLIBCXX\": \"3.4.22\" }.");
            return;
        }

        foreach (var member in value.Members)
        {
            if (member.Value.Kind == JsonValueKind.String || member.Value.Kind == JsonValueKind.Number)
            {
                _maxVersions.Add(new VersionLimit(member.Key, member.Value.Text!));
            }
            else
            {
                Problem(member.Value, $"\"maxVersions\".\"{member.Key}\" is {member.Value.KindName}, expected a version string", "Write it as a string such as \"2.28\".");
            }
        }
    }

    private void ReadRules(JsonValue value, string name, Action<string, string?> add)
    {
        if (value.Kind != JsonValueKind.Array)
        {
            Problem(value, $"\"{name}\" is {value.KindName}, expected an array", $"Write it as [ \"libz.so.1\", {{ \"pattern\": \"libssl.so.*\", \"reason\": \"...\" }} ].");
            return;
        }

        foreach (var item in value.Items)
        {
            if (item.Kind == JsonValueKind.String)
            {
                add(item.Text!, null);
                continue;
            }

            if (item.Kind != JsonValueKind.Object)
            {
                Problem(item, $"an item of \"{name}\" is {item.KindName}, expected a string or an object", "Write a pattern as \"libz.so.1\" or { \"pattern\": \"libz.so.1\", \"reason\": \"...\" }.");
                continue;
            }

            string? pattern = null;
            string? reason = null;
            var valid = true;
            foreach (var member in item.Members)
            {
                if (member.Key == "pattern" && member.Value.Kind == JsonValueKind.String)
                {
                    pattern = member.Value.Text;
                }
                else if (member.Key == "reason" && (member.Value.Kind == JsonValueKind.String || member.Value.Kind == JsonValueKind.Null))
                {
                    reason = member.Value.Text;
                }
                else if (member.Key == "pattern" || member.Key == "reason")
                {
                    Problem(member.Value, $"\"{member.Key}\" of an item of \"{name}\" is {member.Value.KindName}, expected a string", "Write it as a string.");
                    valid = false;
                }
                else
                {
                    Problem(member.Value, $"unknown property \"{member.Key}\" in an item of \"{name}\"", "Use only \"pattern\" and \"reason\".");
                    valid = false;
                }
            }

            if (pattern is null && valid)
            {
                Problem(item, $"an item of \"{name}\" has no \"pattern\"", "Add \"pattern\": \"libz.so.1\" (a soname or glob).");
                continue;
            }

            if (pattern is not null)
            {
                // An empty pattern is kept so the rule validation reports it with the same wording as MSBuild's.
                add(pattern, reason);
            }
        }
    }

    private void Problem(JsonValue? at, string reason, string fix)
    {
        var where = at is null ? string.Empty : string.Format(CultureInfo.InvariantCulture, "line {0}, column {1}: ", at.Line, at.Column);
        var name = System.IO.Path.GetFileName(Path);
        _problems.Add(new Finding(
            DiagnosticCodes.InvalidConfiguration,
            FindingSeverity.Error,
            Path,
            $"The rules file {name} is invalid: {where}{reason}.",
            null,
            "rules file " + name,
            new FindingFix(FixStep.Advice(fix.TrimEnd('.')))));
    }
}
