using System;
using System.Collections.Generic;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Baselines;

/// <summary>
/// What an output needed, and which findings were accepted, when it was recorded (docs/baseline.md). Files and
/// findings are kept sorted, so recording the same output twice gives the same file whatever order the scan saw.
/// </summary>
public sealed class Baseline
{
    /// <summary>The format version this StaticLink writes and reads.</summary>
    public const int FormatVersion = 1;

    public Baseline(string? runtimeIdentifier, IReadOnlyList<string> targets, IReadOnlyList<BaselineFileEntry> files, IReadOnlyList<FindingIdentity> outputFindings)
    {
        RuntimeIdentifier = runtimeIdentifier;
        Targets = targets ?? throw new ArgumentNullException(nameof(targets));
        var sortedFiles = new List<BaselineFileEntry>(files ?? throw new ArgumentNullException(nameof(files)));
        sortedFiles.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
        Files = sortedFiles;
        OutputFindings = Sorted(outputFindings ?? throw new ArgumentNullException(nameof(outputFindings)));
    }

    /// <summary>The RID it was recorded for; informative only.</summary>
    public string? RuntimeIdentifier { get; }

    /// <summary>The targets it was recorded against; informative only.</summary>
    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyList<BaselineFileEntry> Files { get; }

    /// <summary>Accepted findings about no file (e.g. the target lacks ICU).</summary>
    public IReadOnlyList<FindingIdentity> OutputFindings { get; }

    /// <summary>Every accepted finding, of the files and of the output, without repeats, sorted by key.</summary>
    public IReadOnlyList<FindingIdentity> Findings
    {
        get
        {
            var all = new List<FindingIdentity>(OutputFindings);
            foreach (var file in Files)
            {
                all.AddRange(file.Findings);
            }

            return Sorted(all);
        }
    }

    /// <summary>
    /// Today's state of a checked output: every native file with what it needs from the target, and the identity of
    /// every finding except configuration problems (SL1007), which a baseline never accepts.
    /// </summary>
    public static Baseline Record(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var identities = FindingIdentity.Of(report);
        var byFile = new Dictionary<string, List<FindingIdentity>>(StringComparer.Ordinal);
        var outputFindings = new List<FindingIdentity>();
        foreach (var identity in identities)
        {
            if (identity.Code == DiagnosticCodes.InvalidConfiguration)
            {
                continue;
            }

            if (identity.File is null)
            {
                outputFindings.Add(identity);
                continue;
            }

            if (!byFile.TryGetValue(identity.File, out var list))
            {
                list = [];
                byFile[identity.File] = list;
            }

            list.Add(identity);
        }

        var files = new List<BaselineFileEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in report.Files)
        {
            var path = FindingIdentity.RelativeFile(file.Path) ?? file.Path;
            if (!seen.Add(path))
            {
                continue;
            }

            var libraries = new List<string>(file.External);
            libraries.Sort(StringComparer.Ordinal);
            files.Add(new BaselineFileEntry(
                path,
                Distinct(libraries),
                VersionFloor.Of(file.Elf),
                byFile.TryGetValue(path, out var findings) ? Sorted(findings) : []));
        }

        // Findings about files that are not native (an assembly's P/Invoke) still belong to their file.
        foreach (var entry in byFile)
        {
            if (seen.Add(entry.Key))
            {
                files.Add(new BaselineFileEntry(entry.Key, [], [], Sorted(entry.Value)));
            }
        }

        var targets = new List<string>();
        foreach (var target in report.Targets)
        {
            targets.Add(target.Id);
        }

        return new Baseline(report.RuntimeIdentifier, targets, files, outputFindings);
    }

    private static List<FindingIdentity> Sorted(IEnumerable<FindingIdentity> identities)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var sorted = new List<FindingIdentity>();
        foreach (var identity in identities)
        {
            if (keys.Add(identity.Key))
            {
                sorted.Add(identity);
            }
        }

        sorted.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        return sorted;
    }

    private static List<string> Distinct(List<string> sorted)
    {
        var distinct = new List<string>(sorted.Count);
        foreach (var item in sorted)
        {
            if (distinct.Count == 0 || distinct[distinct.Count - 1] != item)
            {
                distinct.Add(item);
            }
        }

        return distinct;
    }
}
