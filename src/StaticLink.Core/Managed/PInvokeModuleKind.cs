namespace StaticLink.Core.Managed;

/// <summary>What a P/Invoke module name means on Linux, before looking at the output.</summary>
public enum PInvokeModuleKind
{
    /// <summary>A library the loader must find: bundled, on the target system, or missing.</summary>
    Library,

    /// <summary>"QCall" and the like: calls into the runtime itself, never loaded from a file.</summary>
    RuntimeInternal,

    /// <summary>"libc": the runtime maps it to the C library itself (libc.so.6 on glibc), always present.</summary>
    CLibrary,

    /// <summary>kernel32, user32, api-ms-win-*, any *.dll or *.exe: only loaded on Windows.</summary>
    WindowsOnly,

    /// <summary>*.dylib, frameworks, /System/Library/...: only loaded on macOS and iOS.</summary>
    AppleOnly,
}
