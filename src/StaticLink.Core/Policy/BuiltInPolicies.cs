using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// The policies StaticLink ships, modelled on auditwheel's manylinux/musllinux: the C library, its loader and the
/// two compiler runtimes every distribution carries, and nothing else.
/// </summary>
public static class BuiltInPolicies
{
    public const string GlibcPortable = "glibc-portable";
    public const string MuslPortable = "musl-portable";
    public const string Static = "static";

    public static IReadOnlyList<string> Names { get; } = [GlibcPortable, MuslPortable, Static];

    // glibc's own libraries that every glibc system has; libnsl and libcrypt left glibc and are not guaranteed.
    private static readonly string[] GlibcLibraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libanl.so.1",
    ];

    private static readonly string[] CompilerRuntimes = ["libgcc_s.so.1", "libstdc++.so.6"];

    public static bool IsKnown(string name)
    {
        foreach (var known in Names)
        {
            if (known == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds the named policy for a RID; null when the name is not a built-in policy.</summary>
    public static PublishPolicy? Create(string name, RuntimeIdentifierInfo target)
    {
        var architectures = target.Architecture is null ? TargetArchitecture.All : [target.Architecture];
        switch (name)
        {
            case GlibcPortable:
            {
                var loaders = new List<string>();
                foreach (var architecture in architectures)
                {
                    loaders.AddRange(architecture.GlibcLoaders);
                }

                var libraries = new List<string>(GlibcLibraries);
                libraries.AddRange(CompilerRuntimes);
                libraries.AddRange(loaders);
                return new PublishPolicy(GlibcPortable, target, LibcFlavor.Glibc, false, libraries, loaders);
            }

            case MuslPortable:
            {
                var loaders = new List<string>();
                var libraries = new List<string> { "libc.so" };
                foreach (var architecture in architectures)
                {
                    loaders.AddRange(architecture.MuslLoaders);
                    libraries.AddRange(architecture.MuslLibraries);
                }

                libraries.AddRange(loaders);
                libraries.AddRange(CompilerRuntimes);
                return new PublishPolicy(MuslPortable, target, LibcFlavor.Musl, false, libraries, loaders);
            }

            case Static:
                return new PublishPolicy(Static, target, target.Libc, true, [], []);

            default:
                return null;
        }
    }
}
