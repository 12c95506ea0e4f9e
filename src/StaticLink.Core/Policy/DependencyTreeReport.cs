using StaticLink.Core.Targets;
using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// <c>staticlink tree</c>'s front door: scan the output once, choose the targets as a check would, and build one
/// <see cref="DependencyTree"/> per target. Bad configuration is SL1007 findings, as in a check.
/// </summary>
public sealed class DependencyTreeReport
{
    private DependencyTreeReport(string root, string runtimeIdentifier, IReadOnlyList<DependencyTree> trees, IReadOnlyList<Finding> problems)
    {
        Root = root;
        RuntimeIdentifier = runtimeIdentifier;
        Trees = trees;
        Problems = problems;
    }

    public string Root { get; }

    /// <summary>The RID given, or the one the output's files show when none was.</summary>
    public string RuntimeIdentifier { get; }

    /// <summary>One per target, in the order the targets were named.</summary>
    public IReadOnlyList<DependencyTree> Trees { get; }

    /// <summary>SL1007 findings (a bad RID or target, an unreadable root); trees may still follow for the valid targets.</summary>
    public IReadOnlyList<Finding> Problems { get; }

    /// <param name="root">The publish directory or file.</param>
    /// <param name="runtimeIdentifier">Null: linux-[musl-]ARCH from the output's own files.</param>
    /// <param name="targets">Where it will run; empty: .NET's floor for the RID, as a check chooses.</param>
    /// <param name="targetFramework">The TFM, which decides .NET's floor.</param>
    public static DependencyTreeReport Build(string root, string? runtimeIdentifier, IReadOnlyList<string> targets, string? targetFramework = null, SettingNames? settingNames = null)
    {
        var scan = new OutputScanner().Scan(root);
        var rid = string.IsNullOrWhiteSpace(runtimeIdentifier) ? RuntimeIdentifierOf(scan.Files) : runtimeIdentifier!.Trim();
        var rules = RuleSetBuilder.Build(new CheckOptions
        {
            Root = root,
            RuntimeIdentifier = rid,
            Targets = targets ?? [],
            SettingNames = settingNames ?? SettingNames.MSBuild,
            TargetFramework = targetFramework,
        });
        var problems = new List<Finding>(rules.Problems);
        if (scan.RootError is not null)
        {
            var fix = "Check the path: it should be the publish directory (or a file of it).";
            problems.Add(new Finding(DiagnosticCodes.InvalidConfiguration, FindingSeverity.Error, null, $"The output '{scan.Root}' cannot be scanned: {scan.RootError}.", null, "Root", new FindingFix(FixStep.Advice(fix.TrimEnd('.')))));
        }

        var trees = new List<DependencyTree>();
        if (!rules.CannotCheck)
        {
            foreach (var target in rules.Targets)
            {
                trees.Add(DependencyTree.Build(scan.Files, target.Description));
            }
        }

        return new DependencyTreeReport(scan.Root, rid, trees, problems);
    }

    /// <summary>
    /// What the output's programs and libraries are built for: the architecture of the first one (by path) StaticLink
    /// knows, musl when any of them is built for musl; linux-x64 when there is none.
    /// </summary>
    public static string RuntimeIdentifierOf(IReadOnlyList<ScannedFile> files)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        var sorted = new List<ScannedFile>(files);
        sorted.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        string? architecture = null;
        var musl = false;
        foreach (var file in sorted)
        {
            if (file.Elf is not { } elf || file.IsDebugSymbols || elf.Type is not (ElfFileType.Executable or ElfFileType.SharedObject))
            {
                continue;
            }

            musl |= elf.Libc == LibcFlavor.Musl;
            if (architecture is null)
            {
                foreach (var known in TargetArchitecture.All)
                {
                    if (known.Accepts(elf))
                    {
                        architecture = known.RidName;
                        break;
                    }
                }
            }
        }

        return (musl ? "linux-musl-" : "linux-") + (architecture ?? "x64");
    }
}
