using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// Real binaries from the machine's compilers: musl (Debian's musl-gcc) and glibc (gcc), static, static-pie and
/// dynamic, plus the hardening variants checksec tells apart. Built once into a temp directory.
/// </summary>
[NonParallelizable]
public sealed class ToolchainBinaryTests
{
    private const string HelloSource = """
        #include <stdio.h>
        int main(void) { puts("hello from StaticLink's tests"); return 0; }
        """;

    private const string LibrarySource = """
        #include <stdio.h>
        int hello_answer(void) { puts("answering"); return 42; }
        """;

    private static readonly (string Name, string Compiler, string[] Flags)[] Builds =
    [
        ("musl-static", "musl-gcc", ["-static"]),
        ("musl-dynamic", "musl-gcc", []),
        ("glibc-dynamic", "gcc", []),
        ("glibc-static", "gcc", ["-static"]),
        ("glibc-static-pie", "gcc", ["-static-pie"]),
        ("glibc-bind-now", "gcc", ["-Wl,-z,now"]),
        ("glibc-no-pie", "gcc", ["-no-pie"]),
        ("glibc-exec-stack", "gcc", ["-z", "execstack"]),
        ("glibc-debug", "gcc", ["-g"]),
        ("glibc-stripped", "gcc", ["-s"]),
    ];

    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        if (ExternalTool.FindOnPath("musl-gcc") is null)
        {
            Assert.Fail("musl-gcc is not installed: .ci/run must install musl-tools (apt-get install musl-tools) so that real musl binaries can be tested");
        }

        if (ExternalTool.FindOnPath("gcc") is null)
        {
            Assert.Fail("gcc is not installed: .ci/run must install gcc and libc6-dev");
        }

        _temp = new TempDirectory("staticlink-toolchain-");
        var hello = _temp.File("hello.c", HelloSource);
        var library = _temp.File("hello_lib.c", LibrarySource);
        foreach (var (name, compiler, flags) in Builds)
        {
            Compile(compiler, [.. flags, "-o", _temp.Combine(name), hello]);
        }

        Compile("gcc", ["-shared", "-fPIC", "-Wl,-soname,libhello.so.1", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/lib", "-o", _temp.Combine("libhello.so.1"), library]);
        Compile("gcc", ["-shared", "-fPIC", "-Wl,-soname,libold.so.2", "-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/old/lib:$ORIGIN", "-o", _temp.Combine("libold.so.2"), library]);
    }

    [OneTimeTearDown]
    public void RemoveBinaries() => _temp?.Dispose();

    [TestCase("musl-static", ElfLinkage.Static, LibcFlavor.Musl)]
    [TestCase("musl-dynamic", ElfLinkage.Dynamic, LibcFlavor.Musl)]
    [TestCase("glibc-dynamic", ElfLinkage.Dynamic, LibcFlavor.Glibc)]
    [TestCase("glibc-static", ElfLinkage.Static, LibcFlavor.Glibc)]
    [TestCase("glibc-static-pie", ElfLinkage.StaticPie, LibcFlavor.Glibc)]
    public void Linkage_and_libc_of_real_binaries(string name, ElfLinkage linkage, LibcFlavor libc)
    {
        var file = ElfReader.Read(_temp.Combine(name));

        Assert.Multiple(() =>
        {
            Assert.That(ElfNames.Linkage(file.Linkage), Is.EqualTo(ElfNames.Linkage(linkage)), "linkage");
            Assert.That(ElfNames.Libc(file.Libc), Is.EqualTo(ElfNames.Libc(libc)), "libc");
            Assert.That(file.IsFullyStatic, Is.EqualTo(linkage != ElfLinkage.Dynamic));
            Assert.That(file.MachineName, Is.EqualTo("x86_64"));
        });
    }

    [Test]
    public void A_musl_dynamic_binary_names_the_musl_loader()
    {
        var file = ElfReader.Read(_temp.Combine("musl-dynamic"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Interpreter, Does.StartWith("/lib/ld-musl-"));
            Assert.That(file.VersionNeeds, Is.Empty, "musl has no symbol versions");
        });
    }

    [Test]
    public void A_glibc_dynamic_binary_needs_glibc_versions()
    {
        var file = ElfReader.Read(_temp.Combine("glibc-dynamic"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Needed, Does.Contain("libc.so.6"));
            Assert.That(file.VersionNeeds.Single(v => v.Library == "libc.so.6").Versions, Has.All.StartWith("GLIBC_"));
            Assert.That(file.VersionedImports.Select(i => i.Symbol), Does.Contain("puts"));
            Assert.That(file.VersionedImports, Has.All.Matches<ElfVersionedImport>(i => i.Library == "libc.so.6" && i.Version.StartsWith("GLIBC_", StringComparison.Ordinal)));
        });
    }

    [TestCase("glibc-dynamic", true, "partial", false, true)]
    [TestCase("glibc-bind-now", true, "full", true, true)]
    [TestCase("glibc-no-pie", false, "partial", false, true)]
    [TestCase("glibc-exec-stack", true, "partial", false, false)]
    [TestCase("glibc-static-pie", true, "partial", false, true)]
    public void Hardening_facts_match_what_the_linker_was_asked_for(string name, bool pie, string relro, bool bindNow, bool nx)
    {
        var file = ElfReader.Read(_temp.Combine(name));

        Assert.Multiple(() =>
        {
            Assert.That(file.Pie, Is.EqualTo(pie), "PIE");
            Assert.That(ElfNames.Relro(file.Relro), Is.EqualTo(relro), "RELRO");
            Assert.That(file.BindNow, Is.EqualTo(bindNow), "BIND_NOW");
            Assert.That(file.Nx, Is.EqualTo(nx), "NX");
            Assert.That(file.TextRel, Is.False, "TEXTREL");
        });
    }

    [TestCase("glibc-dynamic", false, true, false)]
    [TestCase("glibc-debug", true, true, false)]
    [TestCase("glibc-stripped", false, false, true)]
    [TestCase("musl-static", true, true, false)]
    public void Symbols_and_debug_info_decide_stripped(string name, bool debugInfo, bool symbolTable, bool stripped)
    {
        var file = ElfReader.Read(_temp.Combine(name));

        Assert.Multiple(() =>
        {
            Assert.That(file.HasDebugInfo, Is.EqualTo(debugInfo), "debug info");
            Assert.That(file.HasSymbolTable, Is.EqualTo(symbolTable), "symbol table");
            Assert.That(file.Stripped, Is.EqualTo(stripped), "stripped");
        });
    }

    [Test]
    public void A_shared_library_has_its_soname_and_runpath_and_is_not_pie()
    {
        var file = ElfReader.Read(_temp.Combine("libhello.so.1"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Type, Is.EqualTo(ElfFileType.SharedObject));
            Assert.That(file.Soname, Is.EqualTo("libhello.so.1"));
            Assert.That(file.Runpath, Is.EqualTo(new[] { "$ORIGIN/lib" }));
            Assert.That(file.Rpath, Is.Empty);
            Assert.That(file.Pie, Is.False);
            Assert.That(file.Linkage, Is.EqualTo(ElfLinkage.Dynamic));
            Assert.That(file.Libc, Is.EqualTo(LibcFlavor.Glibc));
        });
    }

    [Test]
    public void Old_style_dtags_give_an_rpath_split_on_colons()
    {
        var file = ElfReader.Read(_temp.Combine("libold.so.2"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Rpath, Is.EqualTo(new[] { "/opt/old/lib", "$ORIGIN" }));
            Assert.That(file.Runpath, Is.Empty);
        });
    }

    [TestCase("glibc-dynamic")]
    [TestCase("glibc-static")]
    [TestCase("glibc-static-pie")]
    public void The_build_id_matches_readelf(string name)
    {
        var path = _temp.Combine(name);
        var notes = ExternalTool.Run(Readelf.Path ?? "readelf", ["-n", path]);
        var expected = Regex.Match(notes.StandardOutput, @"Build ID: ([0-9a-f]+)").Groups[1].Value;

        var file = ElfReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.Not.Empty, "gcc on this machine writes a build id");
            Assert.That(file.BuildId, Is.EqualTo(expected));
        });
    }

    private void Compile(string compiler, IEnumerable<string> arguments)
    {
        var result = ExternalTool.Run(compiler, arguments, _temp.Path, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{compiler} {string.Join(" ", arguments)} failed: {result.Describe()}");
        }
    }
}
