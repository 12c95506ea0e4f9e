using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// The old hand-made policies as targets, so StaticLinkPolicy and --policy keep working: glibc-portable and
/// musl-portable are "the C library, its loader and the compiler runtimes, any version"; static is scratch with every
/// file required to be fully static.
/// </summary>
public static class PolicyTargets
{
    /// <summary>The policy as a target for the RID; null when the name is not a policy.</summary>
    public static ResolvedTarget? Create(string name, RuntimeIdentifierInfo rid, TargetOrigin origin, string reason)
    {
        var policy = BuiltInPolicies.Create(name, rid);
        if (policy is null)
        {
            return null;
        }

        var libraries = new List<TargetLibrary>();
        foreach (var soname in policy.AllowedLibraries)
        {
            libraries.Add(new TargetLibrary(soname, null, [], new Dictionary<string, VersionNumber>(StringComparer.Ordinal)));
        }

        var libc = policy.RequiresFullyStatic ? LibcFlavor.None : policy.ExpectedLibc;
        var description = new TargetDescription(policy.Name, TargetKind.Policy, rid.ArchitectureName, libc, null, libraries)
        {
            Title = policy.RequiresFullyStatic
                ? "every file fully static (no interpreter, no NEEDED)"
                : $"the {ElfNames.Libc(policy.ExpectedLibc)} C library, its loader and the compiler runtimes, any version",
            Source = "StaticLink's built-in policy " + policy.Name,
        };
        return new ResolvedTarget(description, origin, reason, policy.RequiresFullyStatic);
    }
}
