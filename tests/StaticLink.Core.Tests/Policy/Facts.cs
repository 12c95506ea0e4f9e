using System.Collections.Generic;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Tests.Policy;

/// <summary>Crafted ELF facts and a one-call way to run the policy on them, for tests that need no real file.</summary>
internal static class Facts
{
    public static ElfFile Library(string? soname = null, params string[] needed) => new()
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

    public static ElfFile GlibcExecutable(params string[] needed) => new()
    {
        Class = ElfClass.Elf64,
        Endianness = ElfEndianness.Little,
        Machine = ElfMachine.X8664,
        Type = ElfFileType.SharedObject,
        Interpreter = "/lib64/ld-linux-x86-64.so.2",
        HasDynamicTable = true,
        Needed = needed.Length == 0 ? ["libc.so.6"] : needed,
        DynamicFlags1 = 0x08000000,
        Linkage = ElfLinkage.Dynamic,
        Libc = LibcFlavor.Glibc,
        Length = 16000,
    };

    public static ElfFile StaticExecutable(ElfMachine machine = ElfMachine.X8664) => new()
    {
        Class = ElfClass.Elf64,
        Endianness = ElfEndianness.Little,
        Machine = machine,
        Type = ElfFileType.Executable,
        Linkage = ElfLinkage.Static,
        Length = 900000,
    };

    public static ScannedFile File(string path, ElfFile elf, IReadOnlyList<string>? runtimeLoads = null, IReadOnlyList<string>? glibcMarkers = null) => new()
    {
        RelativePath = path,
        FullPath = "/output/" + path,
        Size = elf.Length,
        Elf = elf,
        RuntimeLoadCandidates = runtimeLoads ?? [],
        StaticGlibcMarkers = glibcMarkers ?? [],
    };

    public static ScannedFile Broken(string path, string reason, long offset) => new()
    {
        RelativePath = path,
        FullPath = "/output/" + path,
        Size = 100,
        Error = reason,
        ErrorOffset = offset,
    };

    public static CheckReport Check(CheckOptions options, params ScannedFile[] files)
    {
        var rules = RuleSetBuilder.Build(options);
        var scan = new OutputScan("/output", files, files.Length + 3, null);
        return new PolicyEvaluator(rules, rules.Targets[0]).Evaluate(scan);
    }

    public static CheckReport Check(string rid, params ScannedFile[] files) => Check(Options(rid), files);

    /// <summary>The rules' unit tests judge against the old portable policies, whose library lists are short and fixed.</summary>
    public static CheckOptions Options(string rid) => new()
    {
        Root = "/output",
        RuntimeIdentifier = rid,
        PolicyName = RuntimeIdentifierInfo.Parse(rid).Libc == LibcFlavor.Musl ? BuiltInPolicies.MuslPortable : BuiltInPolicies.GlibcPortable,
    };

    /// <summary>The message and its fix in plain words (no front end's syntax): what a finding says in full.</summary>
    public static string Shown(this Finding finding) => finding.Fix is null ? finding.Message : finding.Message + " " + finding.Fix.PlainText();

    public static IReadOnlyList<Finding> WithCode(this CheckReport report, string code) =>
        report.Findings.Where(finding => finding.Code == code).ToList();

    public static IReadOnlyList<string> WithCodeFiles(this CheckReport report, string code) =>
        report.Findings.Where(finding => finding.Code == code).Select(finding => finding.File!).ToList();

    public static FileReport FileNamed(this CheckReport report, string path) => report.Files.Single(file => file.Path == path);
}
