using System;
using System.Runtime.InteropServices;

namespace StaticLink.Core.Tests.Managed;

/// <summary>
/// P/Invoke declarations compiled into this test assembly, so that the tests have a real assembly with known
/// targets. They are never called.
/// </summary>
internal static partial class PInvokeSamples
{
    [DllImport("libgdiplus")]
    internal static extern int GdiplusStartup(out IntPtr token, IntPtr input, IntPtr output);

    [LibraryImport("libz")]
    internal static partial IntPtr zlibVersion();

    [DllImport("kernel32.dll")]
    internal static extern int GetTickCount();

    [DllImport("libc", EntryPoint = "getpid")]
    internal static extern int GetProcessId();
}
