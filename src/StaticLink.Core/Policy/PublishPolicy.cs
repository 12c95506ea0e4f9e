using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// A built-in policy made concrete for one RID: which sonames a file may need from the target system, which loader it
/// may request, which C library the output is for, and whether every file must be fully static.
/// </summary>
public sealed class PublishPolicy
{
    internal PublishPolicy(
        string name,
        RuntimeIdentifierInfo target,
        LibcFlavor expectedLibc,
        bool requiresFullyStatic,
        IReadOnlyList<string> allowedLibraries,
        IReadOnlyList<string> allowedInterpreters)
    {
        Name = name;
        Target = target;
        ExpectedLibc = expectedLibc;
        RequiresFullyStatic = requiresFullyStatic;
        AllowedLibraries = allowedLibraries;
        AllowedInterpreters = allowedInterpreters;
    }

    /// <summary>glibc-portable, musl-portable or static.</summary>
    public string Name { get; }

    public RuntimeIdentifierInfo Target { get; }

    /// <summary>The C library the output is built for; files showing the other one are SL1002.</summary>
    public LibcFlavor ExpectedLibc { get; }

    public bool RequiresFullyStatic { get; }

    /// <summary>Sonames (exact names) a file may need from the target system.</summary>
    public IReadOnlyList<string> AllowedLibraries { get; }

    /// <summary>File names of the program interpreters (PT_INTERP) the policy accepts.</summary>
    public IReadOnlyList<string> AllowedInterpreters { get; }

    /// <summary>How findings name the rule: "musl-portable (linux-musl-x64)".</summary>
    public string DisplayName => Name + " (" + Target.RuntimeIdentifier + ")";
}
