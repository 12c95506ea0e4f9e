using System;
using System.IO;
using StaticLink.Tests.Shared;

namespace StaticLink.Cli.Tests;

/// <summary>
/// Builds small C programs with the machine's gcc and musl-gcc into a temporary folder, so the tests read real
/// binaries whose facts they control. build/test.sh checks that both compilers are installed.
/// </summary>
internal sealed class NativeBuild : IDisposable
{
    public const string HelloSource = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n";

    public const string LibrarySource = "int demo_answer(void) { return 42; }\n";

    public NativeBuild()
    {
        Directory = Path.Combine(Path.GetTempPath(), "staticlink-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Compiles C <paramref name="source"/> into <paramref name="output"/> with the given compiler and flags.</summary>
    public string Compile(string compiler, string source, string output, params string[] flags) =>
        CompileFile(compiler, output + ".c", source, output, flags);

    /// <summary>Compiles a source file (C, or assembly when the name ends in .s) with the given compiler and flags.</summary>
    public string CompileFile(string compiler, string sourceName, string source, string output, params string[] flags)
    {
        var sourcePath = PathOf(sourceName);
        File.WriteAllText(sourcePath, source);
        var outputPath = PathOf(output);

        // The source comes before the flags, so that a library given as a flag resolves the source's references.
        var (exitCode, _, error) = Run(compiler, ["-o", outputPath, sourcePath, .. flags]);
        Assert.That(exitCode, Is.Zero, $"{compiler} {string.Join(' ', flags)} failed: {error}");
        return outputPath;
    }

    /// <summary>Runs a tool and returns its exit code and output; a missing tool throws with the package to install.</summary>
    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] args)
    {
        var result = ExternalTool.Run(tool, args);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a run for.
        }
    }
}
