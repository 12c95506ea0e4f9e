using System.Runtime.InteropServices;

namespace StaticLink.Cli.Tests;

internal static class Host
{
    /// <summary>The reader's name for the machine the tests run on, which is the machine gcc builds for.</summary>
    public static string Machine => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i386",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.RiscV64 => "riscv64",
        Architecture.Ppc64le => "ppc64",
        Architecture.LoongArch64 => "loongarch64",
        var other => other.ToString(),
    };
}
