using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

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

        var common = "publish -c Release -r linux-x64 --self-contained -nodeReuse:false -p:UseSharedCompilation=false";
        DotNet(project, $"{common} -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o {Quote(Path.Combine(outputs, "single"))}");
        DotNet(project, $"{common} -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true -o {Quote(Path.Combine(outputs, "compressed"))}");
        DotNet(project, $"{common} -o {Quote(Path.Combine(outputs, "plain"))}");
        return outputs;
    }

    private static string Quote(string path) => "\"" + path + "\"";

    private static void DotNet(string directory, string arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // `dotnet test` hands its own MSBuild location to the test host; the nested publish must find its own.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Equals("DOTNET_HOST_PATH", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"dotnet {arguments} did not finish in {Timeout.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        TestContext.Progress.WriteLine($"{stopwatch.Elapsed.TotalSeconds,6:F1} s  dotnet {arguments}");
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed with exit code {process.ExitCode}:\n{output}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
