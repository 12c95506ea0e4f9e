using System;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Baselines;

/// <summary>
/// The front ends' entry point: the check with the options' baseline file applied (docs/baseline.md). A layer above
/// the policy, so that the policy never depends on what accepts its findings.
/// </summary>
public static class BaselinedCheck
{
    public static CheckReport Run(CheckOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        // Read before the scan: a broken baseline stops the check at once, like a bad setting.
        var baseline = BaselineSession.Open(options, out var problem);
        if (problem is not null)
        {
            return PublishChecker.Check(options, [problem]);
        }

        var report = PublishChecker.Check(options);
        return baseline is null ? report : baseline.Apply(report);
    }
}
