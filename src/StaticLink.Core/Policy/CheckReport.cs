using System.Collections.Generic;
using System.Linq;

namespace StaticLink.Core.Policy;

/// <summary>The result of one check: every native file seen and every finding, in a stable order.</summary>
public sealed class CheckReport
{
    public required string Root { get; init; }

    public required string RuntimeIdentifier { get; init; }

    /// <summary>The target's id (several joined with ", "), e.g. debian.12 or musl-portable.</summary>
    public required string PolicyName { get; init; }

    /// <summary>The targets checked against, with why each was chosen.</summary>
    public IReadOnlyList<TargetReport> Targets { get; init; } = [];

    public IReadOnlyList<FileReport> Files { get; init; } = [];

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Every P/Invoke target of the output's assemblies and how it is provided, by assembly then module.</summary>
    public IReadOnlyList<PInvokeTargetReport> PInvokeTargets { get; init; } = [];

    /// <summary>Every file looked at, native or not (a publish directory is mostly managed assemblies).</summary>
    public int ExaminedFileCount { get; init; }

    public bool HasErrors => Findings.Any(finding => finding.Severity == FindingSeverity.Error);
}
