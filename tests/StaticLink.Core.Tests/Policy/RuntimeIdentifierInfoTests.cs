using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Tests.Policy;

public class RuntimeIdentifierInfoTests
{
    [TestCase("linux-x64", LibcFlavor.Glibc, ElfMachine.X8664, ElfClass.Elf64)]
    [TestCase("linux-arm64", LibcFlavor.Glibc, ElfMachine.AArch64, ElfClass.Elf64)]
    [TestCase("linux-arm", LibcFlavor.Glibc, ElfMachine.Arm, ElfClass.Elf32)]
    [TestCase("linux-x86", LibcFlavor.Glibc, ElfMachine.I386, ElfClass.Elf32)]
    [TestCase("linux-s390x", LibcFlavor.Glibc, ElfMachine.S390, ElfClass.Elf64)]
    [TestCase("linux-ppc64le", LibcFlavor.Glibc, ElfMachine.PowerPC64, ElfClass.Elf64)]
    [TestCase("linux-loongarch64", LibcFlavor.Glibc, ElfMachine.LoongArch, ElfClass.Elf64)]
    [TestCase("linux-riscv64", LibcFlavor.Glibc, ElfMachine.RiscV, ElfClass.Elf64)]
    [TestCase("linux-musl-x64", LibcFlavor.Musl, ElfMachine.X8664, ElfClass.Elf64)]
    [TestCase("linux-musl-arm64", LibcFlavor.Musl, ElfMachine.AArch64, ElfClass.Elf64)]
    [TestCase("LINUX-MUSL-X64", LibcFlavor.Musl, ElfMachine.X8664, ElfClass.Elf64)]
    [TestCase("rhel.8-x64", LibcFlavor.Glibc, ElfMachine.X8664, ElfClass.Elf64)]
    public void Linux_rids_map_to_a_libc_and_an_elf_machine(string rid, LibcFlavor libc, ElfMachine machine, ElfClass elfClass)
    {
        var info = RuntimeIdentifierInfo.Parse(rid);

        Assert.That(info.IsLinux, Is.True);
        Assert.That(info.Libc, Is.EqualTo(libc));
        Assert.That(info.Architecture!.Machine, Is.EqualTo(machine));
        Assert.That(info.Architecture.Class, Is.EqualTo(elfClass));
    }

    [TestCase("win-x64")]
    [TestCase("osx-arm64")]
    [TestCase("freebsd-x64")]
    [TestCase("browser-wasm")]
    [TestCase("linux")]
    [TestCase("linux-")]
    [TestCase(null)]
    public void Other_rids_are_not_linux(string? rid)
    {
        Assert.That(RuntimeIdentifierInfo.Parse(rid).IsLinux, Is.False);
    }
}
