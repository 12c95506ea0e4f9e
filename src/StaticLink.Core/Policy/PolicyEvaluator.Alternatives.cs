using System;
using System.Collections.Generic;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// Alternatives: files of one output with the same SONAME (librdkafka.so, centos8-librdkafka.so and
/// alpine-librdkafka.so are all librdkafka.so.1) are builds of one library, of which the package's loader picks one.
/// The group passes when one member loads on the target; the others are reported as information naming it.
/// </summary>
public sealed partial class PolicyEvaluator
{
    private void JudgeAlternatives(IReadOnlyList<ScannedFile> files, List<FileReport> reports, List<List<Finding>> perFile)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            if (file.Elf?.Soname is not { Length: > 0 } soname || file.IsDebugSymbols || reports[index].Kind != FileKind.SharedLibrary)
            {
                continue;
            }

            if (!groups.TryGetValue(soname, out var members))
            {
                members = [];
                groups.Add(soname, members);
            }

            members.Add(index);
        }

        foreach (var group in groups)
        {
            if (group.Value.Count < 2)
            {
                continue;
            }

            var loading = group.Value.FindAll(index => !HasError(perFile[index]));
            if (loading.Count == 0 || loading.Count == group.Value.Count)
            {
                continue;
            }

            var good = files[loading[0]];
            foreach (var index in group.Value)
            {
                if (loading.Contains(index))
                {
                    continue;
                }

                var file = files[index];
                var codes = new List<string>();
                foreach (var finding in perFile[index])
                {
                    if (finding.Severity == FindingSeverity.Error && !codes.Contains(finding.Code))
                    {
                        codes.Add(finding.Code);
                    }
                }

                var fix = new FindingFix(FixStep.Advice($"Nothing to do if the package picks {good.FileName} on {Target.Id}; to ship less, leave {file.FileName} out of the publish"));
                perFile[index] =
                [
                    new Finding(
                        DiagnosticCodes.AlternativeBuild,
                        FindingSeverity.Info,
                        file.RelativePath,
                        $"{file.RelativePath} would not load on {TargetName} ({string.Join(", ", codes)}), but it is one of {group.Value.Count} builds of {group.Key}. "
                        + $"{good.RelativePath}, another, loads there.",
                        group.Key,
                        "alternatives (same SONAME)",
                        fix,
                        Target: Target.Id),
                ];
                reports[index].Verdict = Verdict.Alternative;
            }
        }
    }

    private static bool HasError(List<Finding> findings) => findings.Exists(finding => finding.Severity == FindingSeverity.Error);
}
