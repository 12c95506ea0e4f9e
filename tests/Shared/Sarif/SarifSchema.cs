using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace StaticLink.Tests.Shared.Sarif;

/// <summary>
/// Checks a SARIF log twice: against the official OASIS SARIF 2.1.0 schema (the workplace's shared/data/sarif/, read
/// in place as its README asks, never copied into the repository),
/// formats included, with JsonSchema.Net; and against what GitHub code scanning needs beyond the schema (relative
/// locations with a known base id, a fingerprint on every result, rule indexes that point at their rule).
/// </summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static readonly Lazy<string> Location = new(FindSchema);

    /// <summary>shared/data/sarif/sarif-schema-2.1.0.json beside the repository (../shared), or of the machine's workplace.</summary>
    public static string SchemaPath => Location.Value;

    private static string FindSchema()
    {
        var relative = Path.Combine("shared", "data", "sarif", "sarif-schema-2.1.0.json");
        var candidates = new List<string>();
        var configured = Environment.GetEnvironmentVariable("STATICLINK_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(Path.Combine(configured, "sarif", "sarif-schema-2.1.0.json"));
        }

        // The test binaries sit deep inside the repository; its parent holds shared/ (the repository's ../shared).
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, relative));
        }

        // A clone elsewhere on the same machine (CI clones main into a directory of its own).
        candidates.Add(Path.Combine("/work", relative));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The SARIF 2.1.0 schema was not found; looked in: " + string.Join(", ", candidates.Distinct(StringComparer.Ordinal)) + ". Set STATICLINK_SHARED_DATA to the shared/data directory.");
    }

    /// <summary>Every violation of the schema, as "instance location: message"; empty when the log is valid.</summary>
    public static IReadOnlyList<string> SchemaErrors(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var error in detail.Errors)
            {
                errors.Add($"{detail.InstanceLocation}: {error.Key}: {error.Value}");
            }
        }

        return errors.Count > 0 ? errors : ["invalid, without details"];
    }

    /// <summary>What GitHub code scanning would reject or mis-track; empty when it would take the log as it is.</summary>
    public static IReadOnlyList<string> GitHubProblems(string sarif)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(sarif);
        var root = document.RootElement;
        foreach (var run in root.GetProperty("runs").EnumerateArray())
        {
            var driver = run.GetProperty("tool").GetProperty("driver");
            if (!driver.TryGetProperty("name", out var name) || string.IsNullOrEmpty(name.GetString()))
            {
                problems.Add("tool.driver.name is missing");
            }

            var ruleIds = new List<string>();
            foreach (var rule in driver.GetProperty("rules").EnumerateArray())
            {
                ruleIds.Add(rule.TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty);
            }

            if (ruleIds.Any(id => id.Length == 0))
            {
                problems.Add("a rule has no id");
            }

            var baseIds = new HashSet<string>(StringComparer.Ordinal);
            if (run.TryGetProperty("originalUriBaseIds", out var bases))
            {
                foreach (var property in bases.EnumerateObject())
                {
                    baseIds.Add(property.Name);
                    var uri = property.Value.GetProperty("uri").GetString() ?? string.Empty;
                    if (!uri.StartsWith("file:///", StringComparison.Ordinal) || !uri.EndsWith('/'))
                    {
                        problems.Add($"originalUriBaseIds.{property.Name} is not a file:/// directory URI: {uri}");
                    }
                }
            }

            var index = 0;
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var where = $"results[{index++}]";
                var ruleId = result.TryGetProperty("ruleId", out var idElement) ? idElement.GetString() : null;
                if (string.IsNullOrEmpty(ruleId))
                {
                    problems.Add(where + " has no ruleId");
                }

                if (result.TryGetProperty("ruleIndex", out var ruleIndex) && (ruleIndex.GetInt32() >= ruleIds.Count || ruleIds[ruleIndex.GetInt32()] != ruleId))
                {
                    problems.Add($"{where}.ruleIndex does not point at rule {ruleId}");
                }

                if (!result.TryGetProperty("message", out var message) || string.IsNullOrEmpty(message.GetProperty("text").GetString()))
                {
                    problems.Add(where + " has no message.text");
                }

                if (!result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0)
                {
                    problems.Add(where + " has no location");
                }
                else
                {
                    var artifact = locations[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
                    var uri = artifact.GetProperty("uri").GetString() ?? string.Empty;
                    var absolute = Uri.TryCreate(uri, UriKind.Absolute, out _) || uri.StartsWith('/');
                    if (!absolute && (!artifact.TryGetProperty("uriBaseId", out var baseId) || !baseIds.Contains(baseId.GetString() ?? string.Empty)))
                    {
                        problems.Add($"{where}: relative uri {uri} without a uriBaseId of originalUriBaseIds");
                    }
                }

                if (!result.TryGetProperty("partialFingerprints", out var fingerprints) || !fingerprints.EnumerateObject().Any())
                {
                    problems.Add(where + " has no partialFingerprints");
                }
            }
        }

        return problems;
    }
}
