namespace StaticLink.Core.Loading;

/// <summary>Why a bundled file of a dependency tree is not expanded again where it appears.</summary>
public enum DependencyRepeat
{
    /// <summary>Expanded here: its own NEEDED entries follow.</summary>
    None,

    /// <summary>Already expanded earlier in the same root's tree (lddtree's "already seen").</summary>
    AlreadySeen,

    /// <summary>A file that is being expanded on the way here: NEEDED entries loop back to it.</summary>
    Cycle,
}
