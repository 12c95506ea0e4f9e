using System;
using System.IO;
using System.Threading;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>
/// One small app, published for real once per test run, three ways: single-file with its native library embedded
/// (IncludeNativeLibrariesForSelfExtract), the same compressed (EnableCompressionInSingleFile), and a plain
/// self-contained directory. It references SQLitePCLRaw.bundle_e_sqlite3 2.0.6 (a native libe_sqlite3.so and a
/// DllImport("e_sqlite3") provider) and has its own DllImport("libgdiplus"). The publishes run one after the
/// other: the machine is shared.
/// </summary>
internal static class PublishedApp
{
    public const string Name = "BundledApp";

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SQLitePCLRaw.bundle_e_sqlite3" Version="2.0.6" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using System;
        using System.Runtime.InteropServices;

        internal static class Program
        {
            [DllImport("libgdiplus")]
            private static extern int GdiplusStartup(out IntPtr token, IntPtr input, IntPtr output);

            private static int Main(string[] args)
            {
                SQLitePCL.Batteries_V2.Init();
                Console.WriteLine(SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
                if (args.Length > 3)
                {
                    GdiplusStartup(out _, IntPtr.Zero, IntPtr.Zero);
                }

                return 0;
            }
        }
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The single-file output: the host "BundledApp" (and its .pdb).</summary>
    public static string SingleFile => Path.Combine(Published.Value, "single");

    public static string Compressed => Path.Combine(Published.Value, "compressed");

    /// <summary>The plain self-contained output, about 200 files.</summary>
    public static string Plain => Path.Combine(Published.Value, "plain");

    public static void DeleteAll()
    {
        if (Published.IsValueCreated && Directory.Exists(Path.GetDirectoryName(Published.Value)))
        {
            Directory.Delete(Path.GetDirectoryName(Published.Value)!, recursive: true);
        }
    }

    private static string Publish()
    {
        var root = Path.Combine(Path.GetTempPath(), "staticlink-bundled-app-" + Guid.NewGuid().ToString("N"));
        var project = Path.Combine(root, "src");
        var outputs = Path.Combine(root, "out");
        Directory.CreateDirectory(project);

        // Empty Directory.* files stop MSBuild from importing anything above the temporary folder.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, Name + ".csproj"), Project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);

        string[] common = ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-nodeReuse:false", "-p:UseSharedCompilation=false"];
        string[] singleFile = ["-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true"];
        DotNet(project, [.. common, .. singleFile, "-o", Path.Combine(outputs, "single")]);
        DotNet(project, [.. common, .. singleFile, "-p:EnableCompressionInSingleFile=true", "-o", Path.Combine(outputs, "compressed")]);
        DotNet(project, [.. common, "-o", Path.Combine(outputs, "plain")]);
        return outputs;
    }

    private static void DotNet(string directory, string[] arguments)
    {
        var result = DotNetCli.Run(directory, arguments, Timeout);
        TestContext.Progress.WriteLine($"{result.Elapsed.TotalSeconds,6:F1} s  {result.CommandLine}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{result.CommandLine} failed with exit code {result.ExitCode}:\n{result.Output}");
        }
    }
}
