namespace StaticLink.Core.Elf;

/// <summary>How a file is linked, as `file` would say it.</summary>
public enum ElfLinkage
{
    /// <summary>Relocatable objects and core dumps: linkage does not apply.</summary>
    None,

    /// <summary>No interpreter and no dynamic table entries that need a loader.</summary>
    Static,

    /// <summary>Position-independent, self-relocating, no interpreter and no NEEDED.</summary>
    StaticPie,

    /// <summary>Has an interpreter or NEEDED entries: a loader resolves shared libraries at run time.</summary>
    Dynamic,
}
