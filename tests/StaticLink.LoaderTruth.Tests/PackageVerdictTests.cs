using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>
/// What the real loaders say about the x64 native files of real NuGet packages: the ground truth the product's
/// verdicts are later compared with. The table printed here is the one in this project's README.
/// </summary>
[TestFixture]
public sealed class PackageVerdictTests
{
    private static readonly string[] Rids = ["linux-x64", "linux-musl-x64"];

    /// <summary>
    /// What each loader said (<see cref="LoaderVerdict.Compact"/>), measured on Debian 12 (glibc 2.36, musl 1.2.3):
    /// glibc as `ldd`, glibc as `ldd -r`, musl.
    /// </summary>
    private static readonly Dictionary<string, (string Glibc, string GlibcBindNow, string Musl)> Expected = new(StringComparer.Ordinal)
    {
        ["SQLitePCLRaw.lib.e_sqlite3 3.53.3 linux-x64/libe_sqlite3.so"] = ("loads", "undefined symbols", "undefined symbols"),
        ["SQLitePCLRaw.lib.e_sqlite3 3.53.3 linux-musl-x64/libe_sqlite3.so"] = ("missing libc.so", "missing libc.so; undefined symbols", "loads"),
        ["SQLitePCLRaw.lib.e_sqlite3 2.1.11 linux-x64/libe_sqlite3.so"] = ("loads", "undefined symbols", "undefined symbols"),
        ["SQLitePCLRaw.lib.e_sqlite3 2.1.11 linux-musl-x64/libe_sqlite3.so"] = ("missing libc.so", "missing libc.so; undefined symbols", "loads"),
        ["SkiaSharp.NativeAssets.Linux 3.119.0 linux-x64/libSkiaSharp.so"] = ("missing libfontconfig.so.1", "missing libfontconfig.so.1; undefined symbols", "missing ld-linux-x86-64.so.2, libfontconfig.so.1; undefined symbols"),
        ["SkiaSharp.NativeAssets.Linux 3.119.0 linux-musl-x64/libSkiaSharp.so"] = ("missing libc.musl-x86_64.so.1, libfontconfig.so.1", "missing libc.musl-x86_64.so.1, libfontconfig.so.1; undefined symbols", "missing libfontconfig.so.1; undefined symbols"),
        ["librdkafka.redist 2.16.0 linux-x64/alpine-librdkafka.so"] = ("missing libc.musl-x86_64.so.1", "missing libc.musl-x86_64.so.1; undefined symbols", "loads"),
        ["librdkafka.redist 2.16.0 linux-x64/centos8-librdkafka.so"] = ("loads", "loads", "missing ld-linux-x86-64.so.2; undefined symbols"),
        ["librdkafka.redist 2.16.0 linux-x64/librdkafka.so"] = ("missing libsasl2.so.3", "missing libsasl2.so.3; undefined symbols", "missing ld-linux-x86-64.so.2, libsasl2.so.3; undefined symbols"),
        ["NetVips.Native.linux-x64 8.18.7 linux-x64/libvips.so.42"] = ("loads", "loads", "missing ld-linux-x86-64.so.2, libgcc_s.so.1, libresolv.so.2, libstdc++.so.6; undefined symbols"),
        ["NetVips.Native.linux-musl-x64 8.18.7 linux-musl-x64/libvips.so.42"] = ("missing libc.musl-x86_64.so.1", "missing libc.musl-x86_64.so.1; undefined symbols", "missing libgcc_s.so.1, libstdc++.so.6; undefined symbols"),
        ["Mono.Posix.NETStandard 1.0.0 linux-x64/libMonoPosixHelper.so"] = ("loads", "loads", "missing libz.so.1; undefined symbols"),
        ["Microsoft.ML.OnnxRuntime 1.31.1 linux-x64/libonnxruntime.so"] = ("loads", "loads", "missing ld-linux-x86-64.so.2, libgcc_s.so.1, libstdc++.so.6; undefined symbols"),
        ["Microsoft.ML.OnnxRuntime 1.31.1 linux-x64/libonnxruntime_providers_shared.so"] = ("loads", "loads", "missing libgcc_s.so.1, libstdc++.so.6"),
        ["RocksDB 11.12.0.7641 linux-x64/librocksdb-jemalloc.so"] = ("missing libjemalloc.so.2", "missing libjemalloc.so.2; undefined symbols", "missing ld-linux-x86-64.so.2, libgcc_s.so.1, libjemalloc.so.2; undefined symbols"),
        ["RocksDB 11.12.0.7641 linux-x64/librocksdb-musl.so"] = ("missing libc.musl-x86_64.so.1", "missing libc.musl-x86_64.so.1; undefined symbols", "missing libgcc_s.so.1; undefined symbols"),
        ["RocksDB 11.12.0.7641 linux-x64/librocksdb.so"] = ("loads", "loads", "missing ld-linux-x86-64.so.2, libgcc_s.so.1; undefined symbols"),
        ["Grpc.Core 2.46.5 linux-x64/libgrpc_csharp_ext.x64.so"] = ("loads", "loads", "missing ld-linux-x86-64.so.2, libgcc_s.so.1, libstdc++.so.6; undefined symbols"),
    };

    [Test]
    public void The_real_loaders_verdicts_on_real_packages_native_files()
    {
        var glibc = RootFilesystem.GlibcFull();
        var musl = RootFilesystem.Musl();
        var folders = RealPackages.Restore(RealPackages.WithNativeLinuxAssets);

        var table = new StringBuilder();
        table.AppendLine("| package | file | glibc, `ldd` (lazy) | glibc, `ldd -r` (bind now) | musl `--list` |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        var pins = new StringBuilder();
        var measured = new Dictionary<string, (string Glibc, string GlibcBindNow, string Musl)>(StringComparer.Ordinal);
        foreach (var (package, folder) in folders)
        {
            foreach (var rid in Rids)
            {
                var native = Path.Combine(folder, "runtimes", rid, "native");
                if (!Directory.Exists(native))
                {
                    continue;
                }

                // Static archives (libe_sqlite3.a) ship beside the .so for NativeAOT linking; no loader loads them.
                foreach (var file in Directory.GetFiles(native).Where(IsSharedObjectName).Order(StringComparer.Ordinal))
                {
                    // The whole native folder is the output, as a publish puts a package's files side by side.
                    var name = Path.GetFileName(file);
                    var lazy = RealLoader.Ask(glibc, native, name, bindNow: false);
                    var now = RealLoader.Ask(glibc, native, name);
                    var onMusl = RealLoader.Ask(musl, native, name);
                    var key = $"{package} {rid}/{name}";
                    measured[key] = (lazy.Compact(), now.Compact(), onMusl.Compact());
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {package} | {rid}/{name} | {lazy.Summary()} | {now.Summary()} | {onMusl.Summary()} |");
                    pins.AppendLine(CultureInfo.InvariantCulture, $"[\"{key}\"] = (\"{lazy.Compact()}\", \"{now.Compact()}\", \"{onMusl.Compact()}\"),");
                }
            }
        }

        TestContext.Out.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(LoaderTruthPaths.CacheDirectory, "package-verdicts.md"), table.ToString());
        File.WriteAllText(Path.Combine(LoaderTruthPaths.CacheDirectory, "package-verdicts.pins.txt"), pins.ToString());
        Assert.That(measured, Is.EquivalentTo(Expected));
    }

    private static bool IsSharedObjectName(string path) => Path.GetFileName(path).Contains(".so", StringComparison.Ordinal);
}
