namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>Which C library, and so which dynamic loader, a root filesystem has.</summary>
internal enum LibcFlavor
{
    /// <summary>glibc: the loader is /lib64/ld-linux-x86-64.so.2.</summary>
    Glibc,

    /// <summary>musl: the loader (which is also the C library) is /lib/ld-musl-x86_64.so.1.</summary>
    Musl,
}
