namespace StaticLink.Core.Elf;

/// <summary>e_machine values StaticLink names; any other value keeps its number and prints as "machine-N".</summary>
public enum ElfMachine : ushort
{
    None = 0,
    Sparc = 2,
    I386 = 3,
    M68k = 4,
    Mips = 8,
    MipsRs3Le = 10,
    Parisc = 15,
    Sparc32Plus = 18,
    PowerPC = 20,
    PowerPC64 = 21,
    S390 = 22,
    Arm = 40,
    SuperH = 42,
    SparcV9 = 43,
    IA64 = 50,
    X8664 = 62,
    AArch64 = 183,
    RiscV = 243,
    Bpf = 247,
    LoongArch = 258,
}
