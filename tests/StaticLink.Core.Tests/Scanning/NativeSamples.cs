using System;
using System.IO;
using System.Threading;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// Real ELF files built once per test run with the machine's gcc and musl-gcc (Debian: gcc, musl-tools), from the
/// C sources below, into a temporary directory. Each test copies what it needs into its own output directory.
/// </summary>
internal static class NativeSamples
{
    private const string ProgramSource = """
        #include <dlfcn.h>
        #include <pwd.h>
        #include <stdio.h>

        int main(int argc, char **argv)
        {
            if (argc > 5)
            {
                /* Only here so that the names are in the binary, as in real programs that load plugins. */
                void *handle = dlopen("libplugin.so.1", RTLD_NOW);
                (void)handle;
                (void)getpwnam("root");
            }

            puts("hello");
            return 0;
        }
        """;

    private const string HelperSource = """
        int helper_value(void) { return 42; }
        """;

    private const string UserSource = """
        #include <stdio.h>
        int helper_value(void);
        int main(void) { printf("%d\n", helper_value()); return 0; }
        """;

    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The directory holding every sample.</summary>
    public static string Directory => Built.Value;

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Copies samples into <paramref name="output"/>, optionally under new names ("sample=>name").</summary>
    public static void CopyTo(string output, params string[] samples)
    {
        System.IO.Directory.CreateDirectory(output);
        foreach (var sample in samples)
        {
            var parts = sample.Split("=>");
            var source = PathOf(parts[0]);
            var target = Path.Combine(output, parts.Length > 1 ? parts[1] : parts[0]);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
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
        var directory = Path.Combine(Path.GetTempPath(), "staticlink-samples-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "program.c"), ProgramSource);
        File.WriteAllText(Path.Combine(directory, "helper.c"), HelperSource);
        File.WriteAllText(Path.Combine(directory, "user.c"), UserSource);

        Compile(directory, "gcc", "-O1 -o glibc-dynamic program.c");
        Compile(directory, "gcc", "-O1 -static -o glibc-static program.c");
        Compile(directory, "gcc", "-O1 -fPIE -static-pie -o glibc-static-pie program.c");
        Compile(directory, "musl-gcc", "-O1 -static -o musl-static program.c");
        Compile(directory, "musl-gcc", "-O1 -o musl-dynamic program.c");

        // A library with a SONAME different from its file name, and a program that needs it.
        Compile(directory, "gcc", "-O1 -shared -fPIC -Wl,-soname,libhelper.so.1 -o libhelper.so.1.0 helper.c");
        Compile(directory, "gcc", "-O1 -o helper-user user.c -L. -l:libhelper.so.1.0");

        // Run paths: an absolute RPATH (old tag) and an $ORIGIN-relative RUNPATH.
        Compile(directory, "gcc", "-O1 -o absolute-rpath user.c -L. -l:libhelper.so.1.0 -Wl,--disable-new-dtags -Wl,-rpath,/opt/vendor/lib");
        Compile(directory, "gcc", "-O1 -o origin-runpath user.c -L. -l:libhelper.so.1.0 -Wl,--enable-new-dtags -Wl,-rpath,$ORIGIN/lib");

        // A program that needs zlib from the system.
        Compile(directory, "gcc", "-O1 -o needs-zlib program.c -Wl,--no-as-needed -lz");

        Compile(directory, "objcopy", "--only-keep-debug glibc-dynamic glibc-dynamic.dbg");
        return directory;
    }

    private static void Compile(string directory, string tool, string arguments) =>
        ExternalTool.RunChecked(tool, arguments.Split(' '), directory);
}
