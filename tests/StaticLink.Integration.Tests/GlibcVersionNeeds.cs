using System;
using System.Linq;
using StaticLink.Core.Elf;

namespace StaticLink.Integration.Tests;

/// <summary>What the NativeAOT programs StaticLink ships (the tool and the task's engine process) may need of glibc.</summary>
internal static class GlibcVersionNeeds
{
    /// <summary>
    /// Linked against Debian 11's glibc (build/sysroot.sh), a program needs nothing newer than GLIBC_2.17, so RHEL 8 and
    /// Amazon Linux 2 start it too; the reader says so here, and the callers prove it with bullseye's own loader.
    /// </summary>
    public static void AssertAtMost2_17(string program)
    {
        var versions = ElfReader.Read(program).VersionNeeds.SelectMany(need => need.Versions).ToList();
        var newest = versions.Where(version => version.StartsWith("GLIBC_", StringComparison.Ordinal))
            .Select(version => Version.Parse(version["GLIBC_".Length..])).Max();
        Assert.That(newest, Is.LessThanOrEqualTo(new Version(2, 17)), program + ": " + string.Join(", ", versions));
    }
}
