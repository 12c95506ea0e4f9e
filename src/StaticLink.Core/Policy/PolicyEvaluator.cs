using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// Applies a <see cref="RuleSet"/> to the facts of an output: resolves NEEDED entries inside the output, then runs
/// each check on each file and turns what it finds into findings whose messages name the file, the library, the
/// rule and the fix. Pure: no I/O, so every rule can be tested with crafted facts.
/// </summary>
public sealed partial class PolicyEvaluator
{
    private readonly RuleSet _rules;

    public PolicyEvaluator(RuleSet rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    private PublishPolicy Policy => _rules.Policy;

    private string Rid => _rules.Target.RuntimeIdentifier;

    public CheckReport Evaluate(OutputScan scan)
    {
        if (scan is null)
        {
            throw new ArgumentNullException(nameof(scan));
        }

        var findings = new List<Finding>(_rules.Problems);
        if (scan.RootError is not null)
        {
            var fix = "Check the path: it should be the publish directory (or a file of it).";
            findings.Add(new Finding(
                DiagnosticCodes.InvalidConfiguration,
                FindingSeverity.Error,
                null,
                $"The output to check, '{scan.Root}', cannot be scanned: {scan.RootError}. {fix}",
                null,
                "Root",
                fix));
        }

        var bundledNames = BundledNames(scan.Files);
        var reports = new List<FileReport>(scan.Files.Count);
        foreach (var file in scan.Files)
        {
            var fileFindings = new List<Finding>();
            reports.Add(EvaluateFile(file, bundledNames, fileFindings));
            findings.AddRange(fileFindings);
        }

        var targets = EvaluateAssemblies(scan.Assemblies, bundledNames, findings);
        return new CheckReport
        {
            Root = scan.Root,
            RuntimeIdentifier = Rid,
            PolicyName = Policy.Name,
            Files = reports,
            Findings = findings,
            ExaminedFileCount = scan.ExaminedFileCount,
            PInvokeTargets = targets,
        };
    }

    /// <summary>Every name by which a NEEDED entry finds a file of the output: file names, link names and SONAMEs.</summary>
    private static HashSet<string> BundledNames(IReadOnlyList<ScannedFile> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.IsDebugSymbols)
            {
                continue;
            }

            names.Add(file.FileName);
            foreach (var alias in file.Aliases)
            {
                names.Add(alias);
            }

            if (file.Elf?.Soname is { Length: > 0 } soname)
            {
                names.Add(soname);
            }
        }

        return names;
    }

    private FileReport EvaluateFile(ScannedFile file, HashSet<string> bundledNames, List<Finding> findings)
    {
        var ignore = _rules.FindIgnore(file.RelativePath, file.FileName);
        var ignoredReason = ignore is null ? null : (ignore.Reason ?? "ignored by " + ignore.DisplayName);
        if (file.Elf is null)
        {
            if (ignore is null)
            {
                findings.Add(Unreadable(file));
            }

            return new FileReport
            {
                Path = file.RelativePath,
                Size = file.Size,
                Error = file.Error,
                ErrorOffset = file.ErrorOffset,
                IgnoredReason = ignoredReason,
                Kind = FileKinds.Unreadable,
                Verdict = ignore is null ? Verdicts.Fail : Verdicts.Ignored,
                Container = file.Container,
            };
        }

        var elf = file.Elf;
        var bundled = new List<string>();
        var external = new List<string>();
        foreach (var needed in elf.Needed)
        {
            (bundledNames.Contains(needed) ? bundled : external).Add(needed);
        }

        var evidence = LibcEvidence.Of(elf);
        var kind = KindOf(file);
        if (ignore is null)
        {
            if (file.BundleError is not null)
            {
                findings.Add(UnreadableBundle(file));
            }

            Check(file, kind, evidence, bundled, external, bundledNames, findings);
        }

        return new FileReport
        {
            Path = file.RelativePath,
            Size = file.Size,
            Elf = elf,
            Bundled = bundled,
            External = external,
            MinimumGlibc = MinimumGlibc(elf),
            IgnoredReason = ignoredReason,
            Kind = kind,
            Libc = LibcName(elf, evidence, file),
            RuntimeLoaded = file.RuntimeLoadCandidates,
            DebugCompanion = file.DebugCompanion,
            DebugCompanionSize = file.DebugCompanionSize,
            Verdict = ignore is not null ? Verdicts.Ignored : VerdictOf(findings),
            Container = file.Container,
            Bundle = file.Bundle,
            BundleNote = file.BundleNote,
        };
    }

    private void Check(
        ScannedFile file,
        string kind,
        LibcEvidence evidence,
        List<string> bundled,
        List<string> external,
        HashSet<string> bundledNames,
        List<Finding> findings)
    {
        if (kind == FileKinds.DebugSymbols || kind == FileKinds.Core)
        {
            // Never loaded: nothing of it reaches the target system's loader.
            return;
        }

        var architectureMatches = CheckArchitecture(file, findings);
        if (kind == FileKinds.Relocatable || kind == FileKinds.Other)
        {
            return;
        }

        var mismatchNames = CheckLibc(file, evidence, findings);
        CheckDenied(file, bundled, external, findings);
        if (Policy.RequiresFullyStatic)
        {
            CheckFullyStatic(file, findings);
        }
        else if (architectureMatches)
        {
            // Another architecture's loader names say nothing about this target: SL1005 already said it all.
            CheckInterpreter(file, mismatchNames, findings);
            CheckExternalLibraries(file, external, mismatchNames, findings);
        }

        CheckVersionLimits(file, findings);
        CheckRunPaths(file, findings);
        var staticGlibc = CheckStaticGlibc(file, kind, findings);
        CheckRuntimeLoads(file, bundledNames, staticGlibc, findings);
    }

    private static string KindOf(ScannedFile file)
    {
        if (file.Elf is null)
        {
            return FileKinds.Unreadable;
        }

        if (file.IsDebugSymbols)
        {
            return FileKinds.DebugSymbols;
        }

        var elf = file.Elf;
        switch (elf.Type)
        {
            case ElfFileType.Executable:
                return FileKinds.Executable;
            case ElfFileType.Relocatable:
                return FileKinds.Relocatable;
            case ElfFileType.Core:
                return FileKinds.Core;
            case ElfFileType.SharedObject:
                var isProgram = elf.Interpreter is not null
                    || ((elf.DynamicFlags1 ?? 0) & ElfConstants.DF_1_PIE) != 0
                    || elf.Linkage == ElfLinkage.StaticPie;
                return isProgram ? FileKinds.Executable : FileKinds.SharedLibrary;
            default:
                return FileKinds.Other;
        }
    }

    private static string LibcName(ElfFile elf, LibcEvidence evidence, ScannedFile file)
    {
        if (evidence.Glibc.Count > 0 && evidence.Musl.Count == 0)
        {
            return "glibc";
        }

        if (evidence.Musl.Count > 0 && evidence.Glibc.Count == 0)
        {
            return "musl";
        }

        if (file.StaticGlibcMarkers.Count > 0)
        {
            return "glibc";
        }

        return ElfNames.Libc(elf.Libc);
    }

    private static string? MinimumGlibc(ElfFile elf)
    {
        VersionNumber? newest = null;
        foreach (var need in elf.VersionNeeds)
        {
            foreach (var version in need.Versions)
            {
                if (VersionNumber.TrySplitSymbolVersion(version, out var prefix, out var number)
                    && prefix == "GLIBC"
                    && (newest is null || number! > newest))
                {
                    newest = number;
                }
            }
        }

        return newest?.Text;
    }

    private static string VerdictOf(List<Finding> findings)
    {
        var verdict = Verdicts.Pass;
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Error)
            {
                return Verdicts.Fail;
            }

            if (finding.Severity == FindingSeverity.Warning)
            {
                verdict = Verdicts.Warn;
            }
        }

        return verdict;
    }

    private static string JoinLimited(List<string> items, int limit)
    {
        if (items.Count <= limit)
        {
            return string.Join(", ", items);
        }

        var shown = new List<string>();
        for (var index = 0; index < limit; index++)
        {
            shown.Add(items[index]);
        }

        return string.Join(", ", shown) + string.Format(CultureInfo.InvariantCulture, " and {0} more", items.Count - limit);
    }

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
