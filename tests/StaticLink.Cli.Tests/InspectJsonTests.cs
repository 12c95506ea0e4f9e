using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StaticLink.Cli.Tests;

/// <summary>
/// inspect --format json on binaries built here with known flags: every field of the contract, exactly, plus
/// NEEDED, interpreter and version needs compared with readelf.
/// </summary>
[TestFixture]
public sealed class InspectJsonTests
{
    private NativeBuild _build = null!;
    private string _hardened = null!;
    private string _lazy = null!;
    private string _noRelro = null!;
    private string _library = null!;
    private string _staticGlibc = null!;
    private string _staticPie = null!;
    private string _muslDynamic = null!;
    private string _muslStatic = null!;

    [OneTimeSetUp]
    public void BuildBinaries()
    {
        _build = new NativeBuild();
        var hello = NativeBuild.HelloSource;
        _hardened = _build.Compile(
            "gcc", hello, "hardened", "-fPIE", "-pie", "-s", "-Wl,-z,relro,-z,now", "-Wl,-z,noexecstack",
            "-Wl,--build-id=0x0123456789abcdef", "-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/demo/lib:$ORIGIN/../lib");
        _lazy = _build.Compile(
            "gcc", hello, "lazy", "-no-pie", "-g", "-Wl,-z,relro,-z,lazy", "-z", "execstack", "-Wl,--enable-new-dtags",
            "-Wl,-rpath,/opt/run", "-Wl,--build-id=none");
        _noRelro = _build.Compile("gcc", hello, "norelro", "-Wl,-z,norelro", "-Wl,-z,lazy");
        _library = _build.Compile("gcc", NativeBuild.LibrarySource, "libdemo.so.1", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1");
        _staticGlibc = _build.Compile("gcc", hello, "static-glibc", "-static");
        _staticPie = _build.Compile("gcc", hello, "static-pie", "-static-pie");
        _muslDynamic = _build.Compile("musl-gcc", hello, "musl-dynamic");
        _muslStatic = _build.Compile("musl-gcc", hello, "musl-static", "-static");
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void Every_object_has_exactly_the_contract_names_in_order()
    {
        var text = _build.PathOf("notes.txt");
        File.WriteAllText(text, "not a binary\n");
        var run = CliRun.Of("inspect", "--format", "json", _hardened, text, _build.PathOf("missing"));

        var files = run.Files();
        Assert.That(files, Has.Length.EqualTo(3));
        foreach (var file in files)
        {
            Assert.That(Json.Names(file), Is.EqualTo(Json.ContractNames), file.GetProperty("path").GetString());
        }
    }

    [Test]
    public void A_hardened_pie_reports_every_fact()
    {
        var run = CliRun.Of("inspect", "--format", "json", _hardened);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var file = run.Files()[0];
        var readelf = ReadElf.Of(_hardened);
        Assert.Multiple(() =>
        {
            Assert.That(Json.String(file, "path"), Is.EqualTo(_hardened));
            Assert.That(Json.String(file, "kind"), Is.EqualTo("elf"));
            Assert.That(Json.String(file, "error"), Is.Null);
            Assert.That(file.GetProperty("class").GetInt32(), Is.EqualTo(64));
            Assert.That(Json.String(file, "endianness"), Is.EqualTo("little"));
            Assert.That(Json.String(file, "machine"), Is.EqualTo(Host.Machine));
            Assert.That(Json.String(file, "type"), Is.EqualTo("dyn"));
            Assert.That(Json.String(file, "interpreter"), Is.EqualTo(readelf.Interpreter).And.Not.Null);
            Assert.That(Json.Strings(file, "needed"), Is.EqualTo(new[] { "libc.so.6" }));
            Assert.That(Json.String(file, "soname"), Is.Null);
            Assert.That(Json.Strings(file, "rpath"), Is.EqualTo(new[] { "/opt/demo/lib", "$ORIGIN/../lib" }));
            Assert.That(Json.Strings(file, "runpath"), Is.Empty);
            Assert.That(Json.VersionNeeds(file), Is.EqualTo(readelf.VersionNeeds));
            Assert.That(Json.VersionNeeds(file)[0].Key, Is.EqualTo("libc.so.6"));
            Assert.That(Json.String(file, "linkage"), Is.EqualTo("dynamic"));
            Assert.That(Json.String(file, "libc"), Is.EqualTo("glibc"));
            Assert.That(Json.Bool(file, "stripped"), Is.True);
            Assert.That(Json.Bool(file, "debugInfo"), Is.False);
            Assert.That(Json.String(file, "buildId"), Is.EqualTo("0123456789abcdef"));
            Assert.That(Json.Bool(file, "pie"), Is.True);
            Assert.That(Json.String(file, "relro"), Is.EqualTo("full"));
            Assert.That(Json.Bool(file, "nx"), Is.True);
            Assert.That(Json.Bool(file, "bindNow"), Is.True);
            Assert.That(Json.Bool(file, "textrel"), Is.False);
        });
    }

    [Test]
    public void A_lazy_executable_with_debug_info_and_an_executable_stack_reports_every_fact()
    {
        var file = CliRun.Of("inspect", "--format", "json", _lazy).Files()[0];

        Assert.Multiple(() =>
        {
            Assert.That(Json.String(file, "type"), Is.EqualTo("exec"));
            Assert.That(Json.Strings(file, "needed"), Is.EqualTo(new[] { "libc.so.6" }));
            Assert.That(Json.Strings(file, "rpath"), Is.Empty);
            Assert.That(Json.Strings(file, "runpath"), Is.EqualTo(new[] { "/opt/run" }));
            Assert.That(Json.String(file, "linkage"), Is.EqualTo("dynamic"));
            Assert.That(Json.Bool(file, "stripped"), Is.False);
            Assert.That(Json.Bool(file, "debugInfo"), Is.True);
            Assert.That(Json.String(file, "buildId"), Is.Null);
            Assert.That(Json.Bool(file, "pie"), Is.False);
            Assert.That(Json.String(file, "relro"), Is.EqualTo("partial"));
            Assert.That(Json.Bool(file, "nx"), Is.False);
            Assert.That(Json.Bool(file, "bindNow"), Is.False);
        });
    }

    [Test]
    public void Relro_is_none_without_gnu_relro()
    {
        var file = CliRun.Of("inspect", "--format", "json", _noRelro).Files()[0];

        Assert.That(Json.String(file, "relro"), Is.EqualTo("none"));
        Assert.That(Json.Bool(file, "bindNow"), Is.False);
    }

    [Test]
    public void A_shared_library_reports_its_soname_and_no_interpreter()
    {
        var file = CliRun.Of("inspect", "--format", "json", _library).Files()[0];
        var readelf = ReadElf.Of(_library);

        Assert.Multiple(() =>
        {
            Assert.That(Json.String(file, "type"), Is.EqualTo("dyn"));
            Assert.That(Json.String(file, "soname"), Is.EqualTo("libdemo.so.1"));
            Assert.That(Json.String(file, "interpreter"), Is.Null);
            Assert.That(Json.Strings(file, "needed"), Is.EqualTo(readelf.Needed));
            Assert.That(Json.VersionNeeds(file), Is.EqualTo(readelf.VersionNeeds));
            Assert.That(Json.Bool(file, "pie"), Is.False);
        });
    }

    [Test]
    public void Static_and_static_pie_glibc_executables_have_no_interpreter_and_no_needed()
    {
        var files = CliRun.Of("inspect", "--format", "json", _staticGlibc, _staticPie).Files();

        Assert.Multiple(() =>
        {
            Assert.That(Json.String(files[0], "linkage"), Is.EqualTo("static"));
            Assert.That(Json.String(files[0], "type"), Is.EqualTo("exec"));
            Assert.That(Json.String(files[0], "libc"), Is.EqualTo("glibc"));
            Assert.That(Json.String(files[1], "linkage"), Is.EqualTo("static-pie"));
            Assert.That(Json.String(files[1], "type"), Is.EqualTo("dyn"));
            Assert.That(Json.Bool(files[1], "pie"), Is.True);
            foreach (var file in files)
            {
                Assert.That(Json.String(file, "interpreter"), Is.Null);
                Assert.That(Json.Strings(file, "needed"), Is.Empty);
                Assert.That(Json.VersionNeeds(file), Is.Empty);
            }
        });
    }

    [Test]
    public void Musl_binaries_are_classified_by_linkage_and_libc()
    {
        var files = CliRun.Of("inspect", "--format", "json", _muslDynamic, _muslStatic).Files();
        var readelf = ReadElf.Of(_muslDynamic);

        Assert.Multiple(() =>
        {
            Assert.That(Json.String(files[0], "linkage"), Is.EqualTo("dynamic"));
            Assert.That(Json.String(files[0], "libc"), Is.EqualTo("musl"));
            Assert.That(Json.String(files[0], "interpreter"), Does.StartWith("/lib/ld-musl-").And.EqualTo(readelf.Interpreter));
            Assert.That(Json.Strings(files[0], "needed"), Is.EqualTo(readelf.Needed));
            Assert.That(Json.VersionNeeds(files[0]), Is.Empty);
            Assert.That(Json.String(files[1], "linkage"), Is.EqualTo("static"));
            Assert.That(Json.String(files[1], "libc"), Is.EqualTo("musl"));
            Assert.That(Json.String(files[1], "interpreter"), Is.Null);
            Assert.That(Json.Strings(files[1], "needed"), Is.Empty);
        });
    }

    [Test]
    public void A_text_relocation_is_reported()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Assert.Ignore("the text relocation is made with x86-64 assembly");
        }

        var library = _build.CompileFile(
            "gcc", "textrel.s", ".text\n.globl f\nf: movabs $counter, %rax\n ret\n.data\n.globl counter\ncounter: .quad 0\n",
            "libtextrel.so", "-shared", "-nostdlib", "-Wl,-z,notext");

        var file = CliRun.Of("inspect", "--format", "json", library).Files()[0];

        Assert.That(Json.Bool(file, "textrel"), Is.True);
    }

    [TestCase(false, false, CraftedElf.MipsMachine, CraftedElf.ExecutableType, 32, "big", "mips", "exec")]
    [TestCase(true, false, CraftedElf.S390Machine, CraftedElf.SharedObjectType, 64, "big", "s390x", "dyn")]
    [TestCase(false, true, CraftedElf.MipsMachine, CraftedElf.ExecutableType, 32, "little", "mips", "exec")]
    public void Header_facts_of_other_classes_and_byte_orders(
        bool is64, bool littleEndian, ushort machine, ushort type, int expectedClass, string expectedEndianness, string expectedMachine, string expectedType)
    {
        var path = _build.PathOf($"crafted-{expectedClass}-{expectedEndianness}-{expectedMachine}");
        File.WriteAllBytes(path, CraftedElf.Header(is64, bigEndian: !littleEndian, type, machine));

        var run = CliRun.Of("inspect", "--format", "json", path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var file = run.Files()[0];
        Assert.Multiple(() =>
        {
            Assert.That(Json.String(file, "kind"), Is.EqualTo("elf"));
            Assert.That(file.GetProperty("class").GetInt32(), Is.EqualTo(expectedClass));
            Assert.That(Json.String(file, "endianness"), Is.EqualTo(expectedEndianness));
            Assert.That(Json.String(file, "machine"), Is.EqualTo(expectedMachine));
            Assert.That(Json.String(file, "type"), Is.EqualTo(expectedType));
            Assert.That(Json.Strings(file, "needed"), Is.Empty);
            Assert.That(Json.Strings(file, "rpath"), Is.Empty);
        });
    }

    [Test]
    public void Text_and_empty_files_are_not_elf_with_null_facts_and_exit_zero()
    {
        var text = _build.PathOf("linker-script.so");
        File.WriteAllText(text, "/* GNU ld script */\nGROUP ( /lib/libc.so.6 )\n");
        var empty = _build.PathOf("empty");
        File.WriteAllBytes(empty, []);
        var shortMagic = _build.PathOf("short");
        File.WriteAllBytes(shortMagic, [0x7f, (byte)'E', (byte)'L']);

        var run = CliRun.Of("inspect", "--format", "json", text, empty, shortMagic);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        foreach (var file in run.Files())
        {
            Assert.That(Json.String(file, "kind"), Is.EqualTo("not-elf"));
            foreach (var name in Json.ContractNames[2..])
            {
                Assert.That(file.GetProperty(name).ValueKind, Is.EqualTo(JsonValueKind.Null), name);
            }
        }
    }

    [Test]
    public void A_truncated_elf_file_is_an_error_with_offset_and_exit_two()
    {
        var truncated = _build.PathOf("truncated.so");
        var bytes = File.ReadAllBytes(_library);
        File.WriteAllBytes(truncated, bytes.AsSpan(0, 200).ToArray());

        var run = CliRun.Of("inspect", "--format", "json", _hardened, truncated);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var files = run.Files();
        Assert.That(files, Has.Length.EqualTo(2), "the other file is still reported");
        Assert.That(Json.String(files[0], "kind"), Is.EqualTo("elf"));
        Assert.That(Json.String(files[1], "kind"), Is.EqualTo("error"));
        Assert.That(Json.String(files[1], "error"), Does.Contain("offset 0x"));
        Assert.That(files[1].GetProperty("needed").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void A_missing_path_is_an_error_and_exit_two()
    {
        var run = CliRun.Of("inspect", "--format", "json", _build.PathOf("does-not-exist"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var file = run.Files()[0];
        Assert.That(Json.String(file, "kind"), Is.EqualTo("error"));
        Assert.That(Json.String(file, "error"), Is.Not.Empty);
    }

    [Test]
    public void The_dotnet_runtime_native_files_match_readelf()
    {
        var runtimeDirectory = RuntimeEnvironment();
        var run = CliRun.Of("inspect", "--format", "json", runtimeDirectory);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var compared = 0;
        foreach (var file in run.Files())
        {
            if (Json.String(file, "kind") != "elf")
            {
                continue;
            }

            var path = Json.String(file, "path")!;
            var readelf = ReadElf.Of(path);
            Assert.Multiple(() =>
            {
                Assert.That(Json.Strings(file, "needed"), Is.EqualTo(readelf.Needed), path);
                Assert.That(Json.String(file, "soname"), Is.EqualTo(readelf.Soname), path);
                Assert.That(Json.Strings(file, "rpath"), Is.EqualTo(readelf.Rpath), path);
                Assert.That(Json.Strings(file, "runpath"), Is.EqualTo(readelf.Runpath), path);
                Assert.That(Json.String(file, "interpreter"), Is.EqualTo(readelf.Interpreter), path);
                Assert.That(Json.VersionNeeds(file), Is.EqualTo(readelf.VersionNeeds), path);
                Assert.That(Json.String(file, "machine"), Is.EqualTo(Host.Machine), path);
                Assert.That(Json.String(file, "libc"), Is.EqualTo("glibc"), path);
            });
            compared++;
        }

        Assert.That(compared, Is.GreaterThanOrEqualTo(10), "libcoreclr.so, libclrjit.so, libSystem.Native.so ... are ELF");
        TestContext.Out.WriteLine($"compared {compared} native files of {runtimeDirectory} with readelf");
    }

    /// <summary>The shared framework directory this test runs on, e.g. .../shared/Microsoft.NETCore.App/10.0.x.</summary>
    private static string RuntimeEnvironment() =>
        Path.GetDirectoryName(typeof(object).Assembly.Location) ?? throw new InvalidOperationException("no runtime directory");

}
