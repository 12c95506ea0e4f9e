using System;
using System.IO;
using System.Threading;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Real ELF files with NEEDED entries between them, built once per test run with the machine's gcc (Debian: gcc,
/// libc6-dev, zlib1g-dev): libraries with SONAMEs, programs that reach them through RUNPATH $ORIGIN (or not), a
/// program that needs zlib from the system, and two libraries that need each other. Tests copy what they need into
/// an output directory of their own.
/// </summary>
internal static class DependencySamples
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Built.Value;

    /// <summary>Copies samples into <paramref name="output"/> ("sample=>relative/name" renames).</summary>
    public static void CopyTo(string output, params string[] samples)
    {
        foreach (var sample in samples)
        {
            var parts = sample.Split("=>");
            var target = Path.Combine(output, parts.Length > 1 ? parts[1] : parts[0]);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Directory, parts[0]), target, overwrite: true);
        }
    }

    public static void DeleteAll()
    {
        if (Built.IsValueCreated && System.IO.Directory.Exists(Built.Value))
        {
            System.IO.Directory.Delete(Built.Value, recursive: true);
        }
    }

    private static string Build()
    {
        var directory = Path.Combine(Path.GetTempPath(), "staticlink-dependency-samples-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "helper.c"), "#include <unistd.h>\nint helper_value(void) { return getpid() > 0 ? 42 : 0; }\n");
        File.WriteAllText(Path.Combine(directory, "extra.c"), "int extra_value(void) { return 7; }\n");
        File.WriteAllText(Path.Combine(directory, "user.c"), "#include <stdio.h>\nint helper_value(void);\nint main(void) { printf(\"%d\\n\", helper_value()); return 0; }\n");
        File.WriteAllText(Path.Combine(directory, "extra-user.c"), "#include <stdio.h>\nint extra_value(void);\nint main(void) { printf(\"%d\\n\", extra_value()); return 0; }\n");
        File.WriteAllText(Path.Combine(directory, "zlib-user.c"), "#include <stdio.h>\n#include <zlib.h>\nint main(void) { puts(zlibVersion()); return 0; }\n");
        File.WriteAllText(Path.Combine(directory, "cycle-a.c"), "int cycle_b(void);\nint cycle_a(int n) { return n > 0 ? cycle_b() : 1; }\n");
        File.WriteAllText(Path.Combine(directory, "cycle-b.c"), "int cycle_a(int n);\nint cycle_b(void) { return cycle_a(0); }\n");
        File.WriteAllText(Path.Combine(directory, "cycle-user.c"), "int cycle_a(int n);\nint cycle_b(void);\nint main(void) { return cycle_a(1) + cycle_b(); }\n");

        Compile(directory, "-shared -fPIC -Wl,-soname,libhelper.so.1 -o libhelper.so.1 helper.c");
        Compile(directory, "-shared -fPIC -Wl,-soname,libextra.so.1 -o libextra.so.1 extra.c");
        Compile(directory, "-o app-origin user.c -L. -l:libhelper.so.1 -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN/lib");
        Compile(directory, "-o app-plain user.c -L. -l:libhelper.so.1");
        Compile(directory, "-o app-extra extra-user.c -L. -l:libextra.so.1 -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN");
        Compile(directory, "-o app-zlib zlib-user.c -Wl,--no-as-needed -lz");

        // Two libraries that need each other: the first is linked against a stand-in of the second, then the second
        // against the first.
        Compile(directory, "-shared -fPIC -Wl,-soname,libcycleb.so -o libcycleb.so cycle-b.c");
        Compile(directory, "-shared -fPIC -Wl,-soname,libcyclea.so -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN -Wl,--no-as-needed -o libcyclea.so cycle-a.c -L. -l:libcycleb.so");
        Compile(directory, "-shared -fPIC -Wl,-soname,libcycleb.so -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN -Wl,--no-as-needed -o libcycleb.so cycle-b.c -L. -l:libcyclea.so");
        Compile(directory, "-o app-cycle cycle-user.c -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN -Wl,--no-as-needed -L. -l:libcyclea.so -l:libcycleb.so");
        return directory;
    }

    private static void Compile(string directory, string arguments) =>
        ExternalTool.RunChecked("gcc", ("-O1 " + arguments).Split(' '), directory);
}
