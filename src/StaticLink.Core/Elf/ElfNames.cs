using System.Globalization;

namespace StaticLink.Core.Elf;

/// <summary>The short, stable names reports and JSON use for header values; unknown values still print.</summary>
public static class ElfNames
{
    public static string Machine(ElfMachine machine) => Machine(machine, ElfClass.None);

    /// <summary>Names that depend on the class too: EM_RISCV and EM_MIPS are one value for both widths.</summary>
    public static string Machine(ElfMachine machine, ElfClass elfClass) => machine switch
    {
        ElfMachine.None => "none",
        ElfMachine.Sparc => "sparc",
        ElfMachine.I386 => "i386",
        ElfMachine.M68k => "m68k",
        ElfMachine.Mips => elfClass == ElfClass.Elf64 ? "mips64" : "mips",
        ElfMachine.MipsRs3Le => "mips",
        ElfMachine.Parisc => "parisc",
        ElfMachine.Sparc32Plus => "sparc",
        ElfMachine.PowerPC => "ppc",
        ElfMachine.PowerPC64 => "ppc64",
        ElfMachine.S390 => elfClass == ElfClass.Elf32 ? "s390" : "s390x",
        ElfMachine.Arm => "arm",
        ElfMachine.SuperH => "sh",
        ElfMachine.SparcV9 => "sparc64",
        ElfMachine.IA64 => "ia64",
        ElfMachine.X8664 => "x86_64",
        ElfMachine.AArch64 => "aarch64",
        ElfMachine.RiscV => elfClass == ElfClass.Elf32 ? "riscv32" : "riscv64",
        ElfMachine.Bpf => "bpf",
        ElfMachine.LoongArch => elfClass == ElfClass.Elf32 ? "loongarch32" : "loongarch64",
        _ => "machine-" + ((ushort)machine).ToString(CultureInfo.InvariantCulture),
    };

    public static string FileType(ElfFileType type) => type switch
    {
        ElfFileType.None => "none",
        ElfFileType.Relocatable => "rel",
        ElfFileType.Executable => "exec",
        ElfFileType.SharedObject => "dyn",
        ElfFileType.Core => "core",
        _ => "type-" + ((ushort)type).ToString(CultureInfo.InvariantCulture),
    };

    public static string Endianness(ElfEndianness endianness) => endianness == ElfEndianness.Big ? "big" : "little";

    public static string Linkage(ElfLinkage linkage) => linkage switch
    {
        ElfLinkage.Static => "static",
        ElfLinkage.StaticPie => "static-pie",
        ElfLinkage.Dynamic => "dynamic",
        _ => "none",
    };

    public static string Libc(LibcFlavor libc) => libc switch
    {
        LibcFlavor.Glibc => "glibc",
        LibcFlavor.Musl => "musl",
        LibcFlavor.Bionic => "bionic",
        LibcFlavor.Unknown => "unknown",
        _ => "none",
    };

    public static string Relro(RelroLevel relro) => relro switch
    {
        RelroLevel.Full => "full",
        RelroLevel.Partial => "partial",
        _ => "none",
    };

    public static string InspectionKind(ElfInspectionKind kind) => kind switch
    {
        ElfInspectionKind.Elf => "elf",
        ElfInspectionKind.NotElf => "not-elf",
        _ => "error",
    };
}
