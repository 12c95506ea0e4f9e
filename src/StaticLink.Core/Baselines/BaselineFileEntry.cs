using System.Collections.Generic;

namespace StaticLink.Core.Baselines;

/// <summary>What one file of the output needed when the baseline was recorded.</summary>
/// <param name="Path">Relative to the publish root, '/'-separated.</param>
/// <param name="Libraries">Its NEEDED entries that do not resolve to a file of the output (they must come from the target).</param>
/// <param name="VersionFloors">The newest version it needs per library and prefix.</param>
/// <param name="Findings">The identities of its findings that the baseline accepts.</param>
public sealed record BaselineFileEntry(
    string Path,
    IReadOnlyList<string> Libraries,
    IReadOnlyList<VersionFloor> VersionFloors,
    IReadOnlyList<FindingIdentity> Findings);
