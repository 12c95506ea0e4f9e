using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Reporting;

/// <summary>
/// Real binaries for the size tests, built with gcc, musl-gcc and binutils into a temporary folder that the fixture
/// owns: unstripped ones (with symbols, with debug information, compressed debug information) and the tools that
/// strip them, so the estimates can be compared with what `strip` really does.
/// </summary>
internal sealed partial class SizeSamples : IDisposable
{
    private const string Program = """
        #include <stdio.h>
        static int counter;
        int bump(int by) { counter += by; return counter; }
        int main(int argc, char **argv) { (void)argv; printf("%d\n", bump(argc)); return 0; }
        """;

    private const string OtherProgram = """
        #include <stdio.h>
        int main(void) { puts("a different program, so a different build ID"); return 0; }
        """;

    private const string Library = """
        int library_value(int x) { return x * 3 + 1; }
        """;

    public SizeSamples()
    {
        Directory = Path.Combine(Path.GetTempPath(), "staticlink-sizes-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf("program.c"), Program);
        File.WriteAllText(PathOf("other.c"), OtherProgram);
        File.WriteAllText(PathOf("library.c"), Library);

        RunHere("gcc", "-O1", "-o", "dynamic-symbols", "program.c");
        RunHere("gcc", "-O1", "-g", "-o", "dynamic-debug", "program.c");
        RunHere("gcc", "-O1", "-g", "-gz", "-o", "dynamic-zdebug", "program.c");
        RunHere("gcc", "-O1", "-g", "-static", "-o", "glibc-static-debug", "program.c");
        RunHere("gcc", "-O1", "-g", "-static", "-o", "other-static-debug", "other.c");
        RunHere("musl-gcc", "-O1", "-g", "-static", "-o", "musl-static-debug", "program.c");
        RunHere("gcc", "-O1", "-g", "-shared", "-fPIC", "-o", "liblibrary.so", "library.c");
    }

    /// <summary>The unstripped samples, each an executable or shared library with symbols.</summary>
    public static IReadOnlyList<string> Unstripped { get; } =
        ["dynamic-symbols", "dynamic-debug", "dynamic-zdebug", "glibc-static-debug", "musl-static-debug", "liblibrary.so"];

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs `strip` (--strip-all, its default) on a copy and returns the copy's path.</summary>
    public string Strip(string sample, string target)
    {
        RunHere("strip", "-o", target, PathOf(sample));
        return target;
    }

    /// <summary>
    /// What NativeAOT does with StripSymbols: the debug information goes to a separate file, the program is stripped
    /// and points at it with a .gnu_debuglink section.
    /// </summary>
    public void SplitDebug(string sample, string strippedTarget, string debugTarget)
    {
        RunHere("objcopy", "--only-keep-debug", PathOf(sample), debugTarget);
        RunHere("objcopy", "--strip-all", "--add-gnu-debuglink=" + debugTarget, PathOf(sample), strippedTarget);
    }

    /// <summary>GNU readelf's section table: name, type and size of each section.</summary>
    public static IReadOnlyList<(string Name, string Type, long Size)> Sections(string path)
    {
        var output = ExternalTool.RunChecked("readelf", ["--wide", "--section-headers", path]);
        var sections = new List<(string, string, long)>();
        foreach (var line in output.Split('\n'))
        {
            var match = SectionLine().Match(line);
            if (match.Success)
            {
                sections.Add((match.Groups["name"].Value, match.Groups["type"].Value, long.Parse(match.Groups["size"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        return sections;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private void RunHere(string tool, params string[] arguments) => ExternalTool.RunChecked(tool, arguments, Directory);

    // "  [36] .debug_str   PROGBITS   0000000000000000 4327f8 021abd 01 MSC  0   0  8"
    [GeneratedRegex(@"^\s*\[\s*\d+\]\s+(?<name>\S+)\s+(?<type>[A-Z_][A-Z_0-9]*)\s+[0-9a-f]+\s+[0-9a-f]+\s+(?<size>[0-9a-f]+)\s")]
    private static partial Regex SectionLine();
}
