namespace StaticLink.Core.Targets;

/// <summary>What a target stands for; it decides how strict a version floor is and how the summary names it.</summary>
public enum TargetKind
{
    /// <summary>A container image as people write it (mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled, scratch).</summary>
    Image,

    /// <summary>A distribution release with .NET's documented dependencies installed (rhel.8, debian.12, alpine.3.20).</summary>
    Distribution,

    /// <summary>.NET's own floor: the oldest C library the TFM's runtime supports. Needing more is a warning, not an error.</summary>
    Floor,

    /// <summary>A root filesystem (an unpacked image, a sysroot) read directly or captured into a target file.</summary>
    RootFilesystem,

    /// <summary>One of the old hand-made policies (glibc-portable, musl-portable, static), kept as targets.</summary>
    Policy,
}
