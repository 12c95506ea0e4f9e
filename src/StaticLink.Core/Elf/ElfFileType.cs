namespace StaticLink.Core.Elf;

/// <summary>e_type. Values outside the enum keep their number and print through <see cref="ElfNames"/>.</summary>
public enum ElfFileType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}
