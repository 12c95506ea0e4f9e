using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Targets;

/// <summary>The reader's exported and undefined dynamic symbols, against GNU nm -D on real files.</summary>
[TestFixture]
public sealed class DynamicSymbolsVersusNmTests
{
    public static IEnumerable<string> SystemLibraries() => ["/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"];

    [TestCaseSource(nameof(SystemLibraries))]
    public void AgreesWithNm(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Ignore(path + " is not on this machine");
        }

        Compare(path);
    }

    [Test]
    public void AgreesWithNmOnAMuslGccBinary()
    {
        using var work = new TempDirectory();
        var source = work.File("hello.c", "#include <stdio.h>\n#include <stdlib.h>\nstatic int cmp(const void *a, const void *b, void *c) { return 0; }\nint main(void) { int v[2] = {2, 1}; qsort_r(v, 2, sizeof v[0], cmp, 0); printf(\"%d\\n\", v[0]); return 0; }\n");
        var output = work.Combine("hello");
        var compile = ExternalTool.Run("musl-gcc", ["-o", output, source]);
        if (compile.ExitCode == 127 || compile.ExitCode < 0)
        {
            Assert.Ignore("musl-gcc (musl-tools) is not installed");
        }

        Assert.That(compile.ExitCode, Is.Zero, compile.Describe());
        Compare(output);
        var file = ElfReader.Read(output, ElfReadOptions.WithSymbols);
        Assert.That(file.UndefinedSymbols.Select(symbol => symbol.Name), Does.Contain("qsort_r"));
    }

    private static void Compare(string path)
    {
        var file = ElfReader.Read(path, ElfReadOptions.WithSymbols);
        Assert.That(new SortedSet<string>(file.ExportedSymbols, StringComparer.Ordinal), Is.EqualTo(Nm(path, "--defined-only")), "exported");
        Assert.That(new SortedSet<string>(file.UndefinedSymbols.Select(symbol => symbol.Name), StringComparer.Ordinal), Is.EqualTo(Nm(path, "--undefined-only")), "undefined");
    }

    /// <summary>nm -D's names without their @VERSION / @@VERSION suffix.</summary>
    private static SortedSet<string> Nm(string path, string which)
    {
        var result = ExternalTool.Run("nm", ["-D", which, path]);
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            var at = name.IndexOf('@', StringComparison.Ordinal);
            names.Add(at > 0 ? name[..at] : name);
        }

        return names;
    }
}
