using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticLink.Tests.Shared;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>
/// Which C-library names a real .NET 10 app can P/Invoke on glibc: a self-contained linux-x64 probe tries each
/// name with NativeLibrary.TryLoad (default search) and with a [DllImport] (bound by Marshal.Prelink, so nothing is
/// called), inside the GlibcFull root (runtime only: no libc6-dev, so no libc.so linker script, no libdl.so) and on
/// this host (which has libc6-dev).
/// </summary>
[TestFixture]
public sealed class CLibraryPInvokeProbingTests
{
    /// <summary>Each name, and the function its [DllImport] binds.</summary>
    private static readonly (string Name, string Function)[] Probes =
    [
        ("c", "getpid"), ("libc", "getpid"), ("libc.so", "getpid"), ("libc.so.6", "getpid"),
        ("dl", "dlerror"), ("libdl", "dlerror"), ("libdl.so", "dlerror"), ("libdl.so.2", "dlerror"),
        ("pthread", "pthread_self"), ("libpthread", "pthread_self"), ("libpthread.so.0", "pthread_self"),
        ("m", "cos"), ("libm", "cos"), ("libm.so.6", "cos"),
        ("rt", "clock_gettime"), ("librt", "clock_gettime"), ("librt.so.1", "clock_gettime"),
        ("util", "openpty"), ("libutil", "openpty"),
    ];

    /// <summary>Measured with the .NET 10 runtime: "TryLoad DllImport" per name, in the root and on the host.</summary>
    private static readonly Dictionary<string, (string Root, string Host)> Expected = new(StringComparer.Ordinal)
    {
        ["c"] = ("ok ok", "ok ok"),
        ["libc"] = ("ok ok", "ok ok"),
        ["libc.so"] = ("fail fail", "fail fail"),
        ["libc.so.6"] = ("ok ok", "ok ok"),
        ["dl"] = ("fail fail", "fail fail"),
        ["libdl"] = ("fail fail", "fail fail"),
        ["libdl.so"] = ("fail fail", "fail fail"),
        ["libdl.so.2"] = ("ok ok", "ok ok"),
        ["pthread"] = ("fail fail", "fail fail"),
        ["libpthread"] = ("fail fail", "fail fail"),
        ["libpthread.so.0"] = ("ok ok", "ok ok"),
        ["m"] = ("fail fail", "fail fail"),
        ["libm"] = ("fail fail", "fail fail"),
        ["libm.so.6"] = ("ok ok", "ok ok"),
        ["rt"] = ("fail fail", "fail fail"),
        ["librt"] = ("fail fail", "fail fail"),
        ["librt.so.1"] = ("ok ok", "ok ok"),
        ["util"] = ("fail fail", "fail fail"),
        ["libutil"] = ("fail fail", "fail fail"),
    };

    [Test]
    public void The_runtime_resolves_these_C_library_names_on_glibc()
    {
        var root = RootFilesystem.GlibcFull();
        var project = Directory.CreateTempSubdirectory("loader-truth-pinvoke-");
        try
        {
            File.WriteAllText(Path.Combine(project.FullName, "Probe.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project.FullName, "Program.cs"), ProbeSource());
            var publish = DotNetCli.Run(
                project.FullName,
                ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-o", "out"],
                TimeSpan.FromMinutes(10));
            Assert.That(publish.ExitCode, Is.Zero, publish.ToString());
            var output = Path.Combine(project.FullName, "out");

            var inRoot = RealLoader.RunApp(root, output, "Probe", []);
            Assert.That(inRoot.ExitCode, Is.Zero, inRoot.Describe());
            var onHost = ExternalTool.Run(Path.Combine(output, "Probe"), [], output, TimeSpan.FromMinutes(2));
            Assert.That(onHost.ExitCode, Is.Zero, onHost.Describe());

            var rootTable = Parse(inRoot.StandardOutput);
            var hostTable = Parse(onHost.StandardOutput);
            var measured = Probes.ToDictionary(probe => probe.Name, probe => (rootTable[probe.Name], hostTable[probe.Name]), StringComparer.Ordinal);

            var table = new StringBuilder("| name | [DllImport] binds | GlibcFull root: TryLoad, DllImport | host (libc6-dev): TryLoad, DllImport |\n| --- | --- | --- | --- |\n");
            var pins = new StringBuilder();
            foreach (var (name, function) in Probes)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"| `{name}` | `{function}` | {measured[name].Item1} | {measured[name].Item2} |");
                pins.AppendLine(CultureInfo.InvariantCulture, $"[\"{name}\"] = (\"{measured[name].Item1}\", \"{measured[name].Item2}\"),");
            }

            TestContext.Out.WriteLine(table.ToString());
            File.WriteAllText(Path.Combine(LoaderTruthPaths.CacheDirectory, "pinvoke-probing.md"), table.ToString());
            File.WriteAllText(Path.Combine(LoaderTruthPaths.CacheDirectory, "pinvoke-probing.pins.txt"), pins.ToString());
            Assert.That(measured, Is.EquivalentTo(Expected));

            // The gate, on the same output against the same root, must say the same of every name.
            var report = StaticLink.Core.Policy.PublishChecker.Check(new StaticLink.Core.Policy.CheckOptions
            {
                Root = output,
                RuntimeIdentifier = "linux-x64",
                Targets = [root.Path],
                InvariantGlobalization = true,
            });
            var gate = report.PInvokeTargets.Where(target => target.Assembly == "Probe.dll")
                .ToDictionary(target => target.Module, target => target.Resolution, StringComparer.Ordinal);
            foreach (var (name, _) in Probes)
            {
                var loads = measured[name].Item1.EndsWith("ok", StringComparison.Ordinal);
                Assert.That(gate[name] != StaticLink.Core.Policy.PInvokeResolution.Missing, Is.EqualTo(loads), $"the gate's verdict on [DllImport(\"{name}\")] ({gate[name]}) agrees with the runtime ({measured[name].Item1})");
            }
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    /// <summary>"name: ok fail" lines into name -> "ok fail".</summary>
    private static Dictionary<string, string> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);

    /// <summary>
    /// The probe's source: [DllImport] needs the library name as a constant, so each name gets its own declaration.
    /// </summary>
    private static string ProbeSource()
    {
        var source = new StringBuilder();
        source.AppendLine("using System;\nusing System.Reflection;\nusing System.Runtime.InteropServices;\n");
        source.AppendLine("internal static class Program\n{");
        for (var index = 0; index < Probes.Length; index++)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"    [DllImport(\"{Probes[index].Name}\", EntryPoint = \"{Probes[index].Function}\")] private static extern IntPtr Probe{index}();");
        }

        source.AppendLine("    private static string Bind(string method) { try { Marshal.Prelink(typeof(Program).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!); return \"ok\"; } catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return \"fail\"; } }");
        source.AppendLine("    private static int Main()\n    {");
        for (var index = 0; index < Probes.Length; index++)
        {
            var name = Probes[index].Name;
            source.AppendLine(CultureInfo.InvariantCulture, $"        Console.WriteLine(\"{name}: \" + (NativeLibrary.TryLoad(\"{name}\", typeof(Program).Assembly, null, out _) ? \"ok\" : \"fail\") + \" \" + Bind(\"Probe{index}\"));");
        }

        source.AppendLine("        return 0;\n    }\n}");
        return source.ToString();
    }
}
