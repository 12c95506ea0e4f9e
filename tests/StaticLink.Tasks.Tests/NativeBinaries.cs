using System;
using System.IO;
using StaticLink.Tests.Shared;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// Real ELF files for the tests, compiled once per run from the C sources in Native/ with gcc and musl-gcc
/// (Debian: gcc, musl-tools), plus files of the installed .NET runtime.
/// </summary>
internal static class NativeBinaries
{
    private static readonly Lazy<string> BuildDirectory = new(Build);

    /// <summary>Removes the compiled binaries, if any were built.</summary>
    public static void Clean()
    {
        if (BuildDirectory.IsValueCreated)
        {
            Directory.Delete(BuildDirectory.Value, recursive: true);
        }
    }

    public static string GlibcExecutable => PathOf("hello-glibc");

    public static string GlibcStaticExecutable => PathOf("hello-glibc-static");

    public static string MuslExecutable => PathOf("hello-musl");

    public static string MuslStaticExecutable => PathOf("hello-musl-static");

    /// <summary>A glibc library that NEEDs libz.so.1, like Mono.Posix.NETStandard's libMonoPosixHelper.so.</summary>
    public static string GlibcLibraryNeedingZlib => PathOf("libneedszlib-glibc.so");

    /// <summary>A musl library that NEEDs libz.so.1.</summary>
    public static string MuslLibraryNeedingZlib => PathOf("libneedszlib-musl.so");

    /// <summary>A stand-in for zlib whose soname is libz.so.1; bundling it satisfies the NEEDED above.</summary>
    public static string FakeZlib => PathOf("libz.so.1");

    /// <summary>A library with the absolute RUNPATH /opt/vendor/lib.</summary>
    public static string LibraryWithAbsoluteRunpath => PathOf("libwithrpath.so");

    /// <summary>A glibc executable linked with -static that calls getpwnam, so NSS modules load at run time.</summary>
    public static string GlibcStaticExecutableUsingNss => PathOf("nss-glibc-static");

    /// <summary>A library that dlopens libvendorplugin.so.7.</summary>
    public static string LibraryLoadingPlugin => PathOf("libloadsplugin.so");

    /// <summary>The installed runtime's LTTng provider, which NEEDs liblttng-ust.so.N.</summary>
    public static string LttngProvider => RuntimeFile("libcoreclrtraceptprovider.so");

    public static string RuntimeFile(string name)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var path = Path.Combine(runtimeDirectory, name);
        Assert.That(File.Exists(path), Is.True, $"{name} is not in the installed .NET runtime ({runtimeDirectory})");
        return path;
    }

    private static string PathOf(string name) => Path.Combine(BuildDirectory.Value, name);

    private static string Build()
    {
        var sources = Path.Combine(AppContext.BaseDirectory, "Native");
        var output = Path.Combine(Path.GetTempPath(), "staticlink-tasks-tests-native-" + Environment.ProcessId);
        Directory.CreateDirectory(output);
        string Source(string name) => Path.Combine(sources, name);
        string Output(string name) => Path.Combine(output, name);

        Compile("gcc", "-O1", "-o", Output("hello-glibc"), Source("hello.c"));
        Compile("gcc", "-O1", "-static", "-o", Output("hello-glibc-static"), Source("hello.c"));
        Compile("musl-gcc", "-O1", "-o", Output("hello-musl"), Source("hello.c"));
        Compile("musl-gcc", "-O1", "-static", "-o", Output("hello-musl-static"), Source("hello.c"));
        Compile("gcc", "-shared", "-fPIC", "-Wl,-soname,libz.so.1", "-o", Output("libz.so.1"), Source("fake_zlib.c"));
        Compile("gcc", "-shared", "-fPIC", "-Wl,-soname,libneedszlib.so", "-o", Output("libneedszlib-glibc.so"), Source("needs_zlib.c"), Output("libz.so.1"));
        Compile("musl-gcc", "-shared", "-fPIC", "-Wl,-soname,libneedszlib.so", "-o", Output("libneedszlib-musl.so"), Source("needs_zlib.c"), Output("libz.so.1"));
        Compile("gcc", "-shared", "-fPIC", "-Wl,-rpath,/opt/vendor/lib", "-o", Output("libwithrpath.so"), Source("with_rpath.c"));
        Compile("gcc", "-O1", "-static", "-o", Output("nss-glibc-static"), Source("uses_nss.c"));
        Compile("gcc", "-shared", "-fPIC", "-o", Output("libloadsplugin.so"), Source("loads_plugin.c"), "-ldl");
        return output;
    }

    private static void Compile(string compiler, params string[] arguments)
    {
        var result = ExternalTool.Run(compiler, arguments);
        Assert.That(result.ExitCode, Is.Zero, $"{compiler} {string.Join(" ", arguments)} failed:\n{result.StandardError}");
    }
}
