using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets;
using StaticLink.Core.Scanning;

namespace StaticLink.Tests.Shared.MessageCorpus;

/// <summary>
/// Typical outputs judged by the real evaluator: packaged libraries with long paths, each kind of problem on glibc,
/// musl and static targets, so that every front end's test can check the shape of every finding it prints.
/// </summary>
public static class MessageCorpus
{
    private const string Sqlite = "runtimes/linux-musl-x64/native/libe_sqlite3.so";
    private const string Grpc = "runtimes/linux-x64/native/libgrpc_csharp_ext.x64.so";

    /// <summary>Every finding of every scenario.</summary>
    public static IReadOnlyList<Finding> Findings()
    {
        var findings = new List<Finding>();
        var origins = new Dictionary<string, string>
        {
            [Sqlite] = "SQLitePCLRaw.lib.e_sqlite3 2.1.10",
            [Grpc] = "Grpc.Core 2.46.6",
        };

        // A glibc library with a missing NEEDED in a musl output: SL1002 and SL1001.
        findings.AddRange(Check(Options("linux-musl-x64", origins), File(Sqlite, Library("libe_sqlite3.so", "libz.so.1", "libc.so.6"))));

        // On glibc: a missing library, an unreachable one, a run path, a version limit, an interpreter, dlopen names.
        var glibc = Options("linux-x64", origins, maxGlibc: "2.17", deny: [new LibraryRule("libgdiplus.so*", "no GDI+")]);
        var grpc = Library("libgrpc_csharp_ext.x64.so", "libssl.so.1.1", "libhelper.so.1", "libgdiplus.so.0", "libc.so.6");
        grpc.Rpath = ["/usr/local/lib"];
        grpc.VersionNeeds = [new ElfVersionNeed("libc.so.6", ["GLIBC_2.2.5", "GLIBC_2.34"])];
        grpc.VersionedImports = [new ElfVersionedImport("__libc_start_main", "libc.so.6", "GLIBC_2.34")];
        var arm = Library("libother.so");
        arm.Machine = ElfMachine.AArch64;
        var staticPolicy = Options("linux-x64", origins, policy: "static");
        findings.AddRange(Check(
            glibc,
            File(Grpc, grpc, runtimeLoads: ["libssl.so.3", "libvendorplugin.so.7"]),
            File("lib/libhelper.so.1", Library("libhelper.so.1", "libc.so.6")),
            File("tool", Executable("/opt/custom/ld.so", "libc.so.6")),
            File("libcoreclrtraceptprovider.so", Library("libcoreclrtraceptprovider.so", "liblttng-ust.so.0", "libc.so.6")),
            File("libother.so", arm),
            Broken("runtimes/linux-x64/native/libtruncated.so", "section headers run past the end of the file", 64)));

        // The static policy: a dynamic program, and a static glibc one that still loads NSS modules.
        findings.AddRange(Check(
            staticPolicy,
            File("app", Executable("/lib64/ld-linux-x86-64.so.2", "libm.so.6", "libc.so.6")),
            File("static-app", StaticExecutable(), glibcMarkers: ["/etc/nsswitch.conf"])));
        return findings;
    }

    /// <summary>The first sentence: the message up to its first ". " (or all of it).</summary>
    public static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", System.StringComparison.Ordinal);
        return end < 0 ? message : message.Substring(0, end + 1);
    }

    private static IEnumerable<Finding> Check(CheckOptions options, params ScannedFile[] files)
    {
        var rules = RuleSetBuilder.Build(options);
        rules.FileOrigins = options.FileOrigins;
        var scan = new OutputScan("/output", files, files.Length, null);
        return rules.Targets.SelectMany(target => new PolicyEvaluator(rules, target).Evaluate(scan).Findings);
    }

    private static CheckOptions Options(
        string rid, IReadOnlyDictionary<string, string> origins, string? policy = null, string? maxGlibc = null, IReadOnlyList<LibraryRule>? deny = null) => new()
    {
        Root = "/output",
        RuntimeIdentifier = rid,
        PolicyName = policy ?? (RuntimeIdentifierInfo.Parse(rid).Libc == StaticLink.Core.Elf.LibcFlavor.Musl ? BuiltInPolicies.MuslPortable : BuiltInPolicies.GlibcPortable),
        FileOrigins = origins,
        MaxGlibcVersion = maxGlibc,
        Deny = deny ?? [],
    };

    private static ElfFile Library(string soname, params string[] needed) => new()
    {
        Class = ElfClass.Elf64,
        Endianness = ElfEndianness.Little,
        Machine = ElfMachine.X8664,
        Type = ElfFileType.SharedObject,
        HasDynamicTable = true,
        Soname = soname,
        Needed = needed,
        Linkage = ElfLinkage.Dynamic,
        Length = 4096,
    };

    private static ElfFile Executable(string interpreter, params string[] needed) => new()
    {
        Class = ElfClass.Elf64,
        Endianness = ElfEndianness.Little,
        Machine = ElfMachine.X8664,
        Type = ElfFileType.Executable,
        Interpreter = interpreter,
        HasDynamicTable = true,
        Needed = needed,
        Linkage = ElfLinkage.Dynamic,
        Length = 16000,
    };

    private static ElfFile StaticExecutable() => new()
    {
        Class = ElfClass.Elf64,
        Endianness = ElfEndianness.Little,
        Machine = ElfMachine.X8664,
        Type = ElfFileType.Executable,
        Linkage = ElfLinkage.Static,
        Length = 900000,
    };

    private static ScannedFile File(string path, ElfFile elf, IReadOnlyList<string>? runtimeLoads = null, IReadOnlyList<string>? glibcMarkers = null) => new()
    {
        RelativePath = path,
        FullPath = "/output/" + path,
        Size = elf.Length,
        Elf = elf,
        RuntimeLoadCandidates = runtimeLoads ?? [],
        StaticGlibcMarkers = glibcMarkers ?? [],
    };

    private static ScannedFile Broken(string path, string reason, long offset) => new()
    {
        RelativePath = path,
        FullPath = "/output/" + path,
        Size = 100,
        Error = reason,
        ErrorOffset = offset,
    };
}
