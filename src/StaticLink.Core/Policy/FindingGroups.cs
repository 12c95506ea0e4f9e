using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticLink.Core.Policy;

/// <summary>
/// What the front ends print: more than five findings of one code from one package become one message with the
/// count and the first files (100 glibc files of one package in a musl output are one problem, not 100). The report
/// keeps every finding.
/// </summary>
public static class FindingGroups
{
    public const int MaximumPerPackage = 5;

    private const int FilesNamed = 3;

    public static IReadOnlyList<Finding> Collapse(IReadOnlyList<Finding> findings)
    {
        if (findings is null)
        {
            throw new ArgumentNullException(nameof(findings));
        }

        var groups = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Package is null || finding.File is null)
            {
                continue;
            }

            var key = Key(finding);
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
            }

            members.Add(finding);
        }

        var result = new List<Finding>();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Package is null || finding.File is null || groups[Key(finding)].Count <= MaximumPerPackage || DistinctFiles(groups[Key(finding)]) <= 1)
            {
                result.Add(finding);
                continue;
            }

            var key = Key(finding);
            if (!emitted.Add(key))
            {
                continue;
            }

            var files = new List<string>();
            foreach (var member in groups[key])
            {
                if (!files.Contains(member.File!))
                {
                    files.Add(member.File!);
                }
            }

            var others = files.GetRange(1, Math.Min(FilesNamed, files.Count - 1));
            var more = files.Count - 1 - others.Count;
            var summary = string.Format(
                CultureInfo.InvariantCulture,
                " {0} more files from {1} have this problem ({2}{3}; the report lists them all).",
                files.Count - 1,
                finding.Package,
                string.Join(", ", others),
                more > 0 ? string.Format(CultureInfo.InvariantCulture, " and {0} more", more) : string.Empty);
            result.Add(finding with { Message = finding.Message + summary });
        }

        return result;
    }

    private static int DistinctFiles(List<Finding> findings)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            files.Add(finding.File!);
        }

        return files.Count;
    }

    private static string Key(Finding finding) => finding.Code + "\n" + finding.Package + "\n" + finding.Severity + "\n" + finding.Target;
}
