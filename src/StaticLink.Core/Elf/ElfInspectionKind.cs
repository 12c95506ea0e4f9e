namespace StaticLink.Core.Elf;

/// <summary>What a path turned out to be. Serialized as elf, not-elf and error.</summary>
public enum ElfInspectionKind
{
    Elf,
    NotElf,
    Error,
}
