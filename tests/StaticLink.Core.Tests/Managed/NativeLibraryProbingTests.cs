using StaticLink.Core.Managed;

namespace StaticLink.Core.Tests.Managed;

/// <summary>The names the runtime tries on Linux for a DllImport module name (LibraryNameVariation.Unix), in its order.</summary>
public class NativeLibraryProbingTests
{
    [TestCase("libgdiplus", new[] { "libgdiplus.so", "liblibgdiplus.so", "libgdiplus", "liblibgdiplus" })]
    [TestCase("e_sqlite3", new[] { "e_sqlite3.so", "libe_sqlite3.so", "e_sqlite3", "libe_sqlite3" })]
    [TestCase("libssl.so.3", new[] { "libssl.so.3", "liblibssl.so.3", "libssl.so.3.so", "liblibssl.so.3.so" })]
    [TestCase("libz.so", new[] { "libz.so", "liblibz.so", "libz.so.so", "liblibz.so.so" })]
    [TestCase("libfoo.sox", new[] { "libfoo.sox.so", "liblibfoo.sox.so", "libfoo.sox", "liblibfoo.sox" })]
    [TestCase("native/libx", new[] { "native/libx.so", "native/libx" })]
    [TestCase("/opt/vendor/libv.so.2", new[] { "/opt/vendor/libv.so.2" })]
    public void Candidates_follow_the_runtimes_order(string module, string[] expected)
    {
        Assert.That(NativeLibraryProbing.CandidateFileNames(module), Is.EqualTo(expected));
    }

    [TestCase("libgdiplus", "libgdiplus.so")]
    [TestCase("e_sqlite3", "libe_sqlite3.so")]
    [TestCase("libssl.so.3", "libssl.so.3")]
    [TestCase("SkiaSharp", "libSkiaSharp.so")]
    [TestCase("native/libx", "native/libx.so")]
    public void The_preferred_name_is_the_one_that_looks_like_a_library(string module, string expected)
    {
        Assert.That(NativeLibraryProbing.PreferredFileName(module), Is.EqualTo(expected));
    }

    [TestCase("QCall", PInvokeModuleKind.RuntimeInternal)]
    [TestCase("__Internal", PInvokeModuleKind.RuntimeInternal)]
    [TestCase("libc", PInvokeModuleKind.CLibrary)]
    [TestCase("kernel32", PInvokeModuleKind.WindowsOnly)]
    [TestCase("KERNEL32.DLL", PInvokeModuleKind.WindowsOnly)]
    [TestCase("api-ms-win-core-file-l1-1-0.dll", PInvokeModuleKind.WindowsOnly)]
    [TestCase("Microsoft.Data.SqlClient.SNI.dll", PInvokeModuleKind.WindowsOnly)]
    [TestCase("winspool.drv", PInvokeModuleKind.WindowsOnly)]
    [TestCase("gdiplus", PInvokeModuleKind.WindowsOnly)]
    [TestCase("/usr/lib/libSystem.dylib", PInvokeModuleKind.AppleOnly)]
    [TestCase("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation", PInvokeModuleKind.AppleOnly)]
    [TestCase("libobjc.dylib", PInvokeModuleKind.AppleOnly)]
    [TestCase("libgdiplus", PInvokeModuleKind.Library)]
    [TestCase("libSystem.Native", PInvokeModuleKind.Library)]
    [TestCase("libdl.so.2", PInvokeModuleKind.Library)]
    [TestCase("c", PInvokeModuleKind.CLibrary)] // measured: the runtime loads "c" as it does "libc" (CLibraryPInvokeProbingTests)
    [TestCase("libc", PInvokeModuleKind.CLibrary)]
    [TestCase("dl", PInvokeModuleKind.Library)]
    public void Names_that_never_reach_the_Linux_loader_are_recognised(string module, PInvokeModuleKind expected)
    {
        Assert.That(NativeLibraryProbing.Classify(module), Is.EqualTo(expected));
    }
}
