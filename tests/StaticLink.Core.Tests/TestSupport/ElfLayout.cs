using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>A class, byte order and machine to craft files in; prints as a test-name fragment.</summary>
public sealed record ElfLayout(ElfClass Class, ElfEndianness Endianness, ElfMachine Machine)
{
    internal ElfImageBuilder NewBuilder() => new ElfImageBuilder(Class, Endianness).Machine(Machine);

    public override string ToString() =>
        $"{(Class == ElfClass.Elf64 ? "ELF64" : "ELF32")}-{(Endianness == ElfEndianness.Big ? "big" : "little")}-{ElfNames.Machine(Machine, Class)}";
}
