using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Targets;

/// <summary>
/// What a RID's architecture means in ELF terms: the machine, the class and byte order every native file must have,
/// and the names its C libraries' loaders use (they differ per architecture, so a policy cannot list them once).
/// </summary>
public sealed class TargetArchitecture
{
    private static readonly TargetArchitecture[] Known =
    [
        new("x64", ElfMachine.X8664, ElfClass.Elf64, ElfEndianness.Little, ["ld-linux-x86-64.so.2"], ["x86_64"], ["x86_64"]),
        new("arm64", ElfMachine.AArch64, ElfClass.Elf64, ElfEndianness.Little, ["ld-linux-aarch64.so.1"], ["aarch64"], ["aarch64"]),
        new("arm", ElfMachine.Arm, ElfClass.Elf32, ElfEndianness.Little, ["ld-linux-armhf.so.3", "ld-linux.so.3"], ["armhf", "arm"], ["armhf", "armv7"]),
        new("x86", ElfMachine.I386, ElfClass.Elf32, ElfEndianness.Little, ["ld-linux.so.2"], ["i386"], ["x86"]),
        new("s390x", ElfMachine.S390, ElfClass.Elf64, ElfEndianness.Big, ["ld64.so.1"], ["s390x"], ["s390x"]),
        new("ppc64le", ElfMachine.PowerPC64, ElfClass.Elf64, ElfEndianness.Little, ["ld64.so.2"], ["powerpc64le"], ["ppc64le"]),
        new("loongarch64", ElfMachine.LoongArch, ElfClass.Elf64, ElfEndianness.Little, ["ld-linux-loongarch-lp64d.so.1"], ["loongarch64"], ["loongarch64"]),
        new("riscv64", ElfMachine.RiscV, ElfClass.Elf64, ElfEndianness.Little, ["ld-linux-riscv64-lp64d.so.1"], ["riscv64"], ["riscv64"]),
    ];

    private TargetArchitecture(
        string ridName,
        ElfMachine machine,
        ElfClass elfClass,
        ElfEndianness endianness,
        IReadOnlyList<string> glibcLoaders,
        IReadOnlyList<string> muslArchNames,
        IReadOnlyList<string> alpineArchNames)
    {
        RidName = ridName;
        Machine = machine;
        Class = elfClass;
        Endianness = endianness;
        GlibcLoaders = glibcLoaders;
        MuslLoaders = Map(muslArchNames, name => "ld-musl-" + name + ".so.1");
        MuslLibraries = Map(alpineArchNames, name => "libc.musl-" + name + ".so.1");
    }

    /// <summary>The architecture part of the RID: x64, arm64, arm, x86, s390x, ppc64le, loongarch64, riscv64.</summary>
    public string RidName { get; }

    public ElfMachine Machine { get; }

    public ElfClass Class { get; }

    public ElfEndianness Endianness { get; }

    /// <summary>The ELF machine name files of this architecture report, e.g. x86_64.</summary>
    public string MachineName => ElfNames.Machine(Machine, Class);

    /// <summary>e.g. "x86_64, 64-bit".</summary>
    public string Description => MachineName + ", " + (Class == ElfClass.Elf64 ? "64-bit" : "32-bit");

    /// <summary>glibc's dynamic loader sonames for this architecture, the preferred one first.</summary>
    public IReadOnlyList<string> GlibcLoaders { get; }

    /// <summary>musl's loader names: ld-musl-&lt;arch&gt;.so.1.</summary>
    public IReadOnlyList<string> MuslLoaders { get; }

    /// <summary>Alpine's soname for musl's libc: libc.musl-&lt;arch&gt;.so.1.</summary>
    public IReadOnlyList<string> MuslLibraries { get; }

    public static IReadOnlyList<TargetArchitecture> All => Known;

    /// <summary>Finds the architecture for a RID's last part; null when StaticLink does not know it.</summary>
    public static TargetArchitecture? FromRidName(string name)
    {
        foreach (var architecture in Known)
        {
            if (string.Equals(architecture.RidName, name, StringComparison.OrdinalIgnoreCase))
            {
                return architecture;
            }
        }

        return null;
    }

    /// <summary>True when a file's header says it runs on this architecture.</summary>
    public bool Accepts(ElfFile file)
    {
        if (file.Machine != Machine || file.Class != Class)
        {
            return false;
        }

        return file.Endianness == ElfEndianness.None || file.Endianness == Endianness;
    }

    private static string[] Map(IReadOnlyList<string> names, Func<string, string> map)
    {
        var result = new string[names.Count];
        for (var index = 0; index < names.Count; index++)
        {
            result[index] = map(names[index]);
        }

        return result;
    }
}
