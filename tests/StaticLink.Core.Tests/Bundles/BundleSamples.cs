using System;
using System.IO;
using System.Linq;
using System.Threading;
using StaticLink.Core.Bundles;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// Real ELF files for bundle tests, built once per run with gcc: a host that, like the .NET apphost, keeps the
/// bundle placeholder (eight zero bytes and the signature) in an initialised static array, and small libraries
/// to embed in it.
/// </summary>
internal static class BundleSamples
{
    private const string ZlibUserSource = """
        const char *zlibVersion(void);
        const char *embedded_zlib_version(void) { return zlibVersion(); }
        """;

    private const string LoaderSource = """
        #include <dlfcn.h>
        void *load_plugin(void) { return dlopen("libplugin.so.1", RTLD_NOW); }
        """;

    private const string PlainSource = """
        int plain_value(void) { return 7; }
        """;

    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Built.Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static void DeleteAll()
    {
        if (Built.IsValueCreated && System.IO.Directory.Exists(Built.Value))
        {
            System.IO.Directory.Delete(Built.Value, recursive: true);
        }
    }

    private static string Build()
    {
        var directory = Path.Combine(Path.GetTempPath(), "staticlink-bundle-samples-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var signature = string.Join(", ", BundleReader.Signature.Select(value => "0x" + value.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(directory, "host.c"), $$"""
            #include <stdio.h>
            /* As in the .NET apphost: the SDK writes the header offset over the eight zero bytes. */
            static volatile unsigned char bundle_placeholder[40] = { 0, 0, 0, 0, 0, 0, 0, 0, {{signature}} };
            int main(void) { printf("%d\n", bundle_placeholder[0]); return 0; }
            """);
        File.WriteAllText(Path.Combine(directory, "zlibuser.c"), ZlibUserSource);
        File.WriteAllText(Path.Combine(directory, "loader.c"), LoaderSource);
        File.WriteAllText(Path.Combine(directory, "plain.c"), PlainSource);

        Run(directory, "gcc", "-O1 -o apphost host.c");
        Run(directory, "gcc", "-O1 -shared -fPIC -o libzuser.so zlibuser.c -Wl,--no-as-needed -lz");
        Run(directory, "gcc", "-O1 -shared -fPIC -o libloader.so loader.c");
        Run(directory, "gcc", "-O1 -shared -fPIC -o libplain.so plain.c");
        return directory;
    }

    private static void Run(string directory, string tool, string arguments) =>
        ExternalTool.RunChecked(tool, arguments.Split(' '), directory);
}
