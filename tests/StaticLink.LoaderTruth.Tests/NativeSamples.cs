using System;
using System.IO;
using StaticLink.Tests.Shared;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>
/// Small libraries and programs built with gcc (glibc) or musl-gcc (musl), each showing one thing a loader can say:
/// a library found beside it with or without RUNPATH, a missing NEEDED, an undefined symbol, a version need newer
/// than the root's glibc. They are built into a fresh folder which is the "publish output" the loader is asked about.
/// </summary>
internal sealed class NativeSamples : IDisposable
{
    private readonly DirectoryInfo _directory;

    private NativeSamples(string compiler)
    {
        Compiler = compiler;
        _directory = System.IO.Directory.CreateTempSubdirectory("loader-truth-samples-");
    }

    /// <summary>The output folder holding every sample (except libdoesnotexist.so.9, which is deleted).</summary>
    public string OutputDirectory => _directory.FullName;

    public string Compiler { get; }

    public static NativeSamples BuildGlibc()
    {
        var samples = new NativeSamples("gcc");
        samples.BuildCommon();
        samples.Compile("hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello from the root\"); return 0; }\n", "hello");

        // Every binary gcc links on Debian 12 needs GLIBC_2.34 (for __libc_start_main). Renaming that need to
        // GLIBC_2.38, a real later version the root's 2.36 lacks, is the same byte length, so nothing moves; the
        // stale vna_hash does not matter, as glibc then finds no match by hash or by name either way.
        var bytes = File.ReadAllBytes(samples.PathOf("hello"));
        var patched = ReplaceAll(bytes, "GLIBC_2.34\0"u8.ToArray(), "GLIBC_2.38\0"u8.ToArray());
        // Copied first so the new file keeps the execute bits; writing then only replaces the contents.
        File.Copy(samples.PathOf("hello"), samples.PathOf("hello-needs-glibc-2.38"));
        File.WriteAllBytes(samples.PathOf("hello-needs-glibc-2.38"), patched);
        return samples;
    }

    public static NativeSamples BuildMusl()
    {
        var samples = new NativeSamples("musl-gcc");
        samples.BuildCommon();
        samples.Compile("hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello from the root\"); return 0; }\n", "hello");

        // preadv2 arrived in musl 1.2.5; Debian 12's musl is 1.2.3. A shared library may import any symbol (no
        // -z defs), so this links against 1.2.3 and only the loader notices.
        samples.Compile(
            "preadv2.c",
            "#include <sys/types.h>\nstruct iovec;\nssize_t preadv2(int, const struct iovec *, int, off_t, int);\nlong use_preadv2(void) { return (long)preadv2(0, 0, 0, 0, 0); }\n",
            "libslpreadv2.so",
            "-shared", "-fPIC");

        // musl's loader answers the C library's reserved names with itself; dlopen shows which names count.
        samples.Compile(
            "dlopen.c",
            """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) printf("%s: %s\n", argv[i], dlopen(argv[i], RTLD_NOW) ? "ok" : "fail");
                return 0;
            }
            """,
            "dlopen-names");
        return samples;
    }

    public string PathOf(string name) => Path.Combine(OutputDirectory, name);

    public void Dispose() => _directory.Delete(recursive: true);

    private static byte[] ReplaceAll(byte[] haystack, byte[] needle, byte[] replacement)
    {
        var result = (byte[])haystack.Clone();
        var count = 0;
        for (var index = 0; index <= result.Length - needle.Length; index++)
        {
            if (result.AsSpan(index, needle.Length).SequenceEqual(needle))
            {
                replacement.CopyTo(result, index);
                count++;
            }
        }

        return count > 0 ? result : throw new InvalidOperationException("the version need GLIBC_2.34 was not in the binary");
    }

    private void BuildCommon()
    {
        Compile("a.c", "int a_func(void) { return 1; }\n", "libsla.so", "-shared", "-fPIC", "-Wl,-soname,libsla.so");
        Compile("b.c", "int a_func(void);\nint b_func(void) { return a_func(); }\n", "libslb-norpath.so", "-shared", "-fPIC", "-L.", "-lsla");
        Compile("b.c", null, "libslb-rpath.so", "-shared", "-fPIC", "-L.", "-lsla", "-Wl,-rpath,$ORIGIN");

        // A NEEDED no system has: link against a stub with that soname, then leave the stub out of the output.
        Compile("gone.c", "int gone_func(void) { return 2; }\n", "libdoesnotexist.so.9", "-shared", "-fPIC", "-Wl,-soname,libdoesnotexist.so.9");
        Compile("m.c", "int gone_func(void);\nint m_func(void) { return gone_func(); }\n", "libslmissing.so", "-shared", "-fPIC", "-L.", "-l:libdoesnotexist.so.9");
        File.Delete(PathOf("libdoesnotexist.so.9"));

        Compile("u.c", "int not_there_anywhere(void);\nint u_func(void) { return not_there_anywhere(); }\n", "libslundefined.so", "-shared", "-fPIC");
    }

    private void Compile(string sourceName, string? source, string output, params string[] options)
    {
        var sourcePath = PathOf(sourceName);
        if (source is not null)
        {
            File.WriteAllText(sourcePath, source);
        }

        ExternalTool.RunChecked(Compiler, [sourceName, "-o", output, .. options], OutputDirectory);
    }
}
