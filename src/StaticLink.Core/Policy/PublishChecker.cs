using System;

namespace StaticLink.Core.Policy;

/// <summary>
/// The engine's front door: scan a directory, resolve NEEDED inside it, apply the policy, return the findings.
/// Never throws for bad files or bad configuration: those become findings (SL1010, SL1007).
/// </summary>
public static class PublishChecker
{
    public static CheckReport Check(CheckOptions options) => throw new NotImplementedException();
}
