using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// Applies the loader's rules for one target to the facts of an output: where each NEEDED entry is found (the
/// output through a run path, the target, or nowhere), whether its versions and symbols bind, what the .NET runtime
/// needs of the target, and the user's rules on top; each problem becomes a finding whose message names the file, its
/// package, the library, the target and the fix. Pure: no I/O, so every rule can be tested with crafted facts.
/// </summary>
public sealed partial class PolicyEvaluator
{
    private readonly RuleSet _rules;
    private readonly ResolvedTarget _resolved;
    private LoaderModel _loader = null!;
    private HashSet<string> _pinvokeLoaded = new(StringComparer.Ordinal);

    public PolicyEvaluator(RuleSet rules, ResolvedTarget target)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _resolved = target ?? throw new ArgumentNullException(nameof(target));
    }

    private TargetDescription Target => _resolved.Description;

    private string Rid => _rules.Rid.RuntimeIdentifier;

    /// <summary>The C library files must be built for: the target's, or the RID's where the target has none (scratch).</summary>
    private LibcFlavor ExpectedLibc => Target.Libc is LibcFlavor.Glibc or LibcFlavor.Musl ? Target.Libc : _rules.Rid.Libc;

    /// <summary>How findings name the target: "debian.12 (glibc 2.36)".</summary>
    private string TargetName => Target.DisplayName;

    public CheckReport Evaluate(OutputScan scan)
    {
        if (scan is null)
        {
            throw new ArgumentNullException(nameof(scan));
        }

        var findings = new List<Finding>();
        var bundledNames = BundledNames(scan.Files);
        _loader = new LoaderModel(scan.Files, Target);
        var targets = EvaluateAssemblies(scan.Assemblies, bundledNames, findings);
        _pinvokeLoaded = PInvokeLoadedNames(targets);

        var reports = new List<FileReport>(scan.Files.Count);
        var perFile = new List<List<Finding>>(scan.Files.Count);
        foreach (var file in scan.Files)
        {
            var fileFindings = new List<Finding>();
            reports.Add(EvaluateFile(file, bundledNames, fileFindings));
            perFile.Add(fileFindings);
        }

        JudgeAlternatives(scan.Files, reports, perFile);
        foreach (var fileFindings in perFile)
        {
            findings.AddRange(fileFindings);
        }

        CheckDotNetNeeds(scan, findings);
        return new CheckReport
        {
            Root = scan.Root,
            RuntimeIdentifier = Rid,
            PolicyName = Target.Id,
            Files = reports,
            Findings = Attributed(findings),
            ExaminedFileCount = scan.ExaminedFileCount,
            PInvokeTargets = targets,
            Targets = [new TargetReport(Target.Id, _resolved.Origin, _resolved.Reason, Target.Title, Target.Source)],
        };
    }

    /// <summary>Every name by which a NEEDED entry or a P/Invoke finds a file of the output: file names, link names and SONAMEs.</summary>
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
                Kind = FileKind.Unreadable,
                Verdict = ignore is null ? Verdict.Fail : Verdict.Ignored,
                Container = file.Container,
            };
        }

        var elf = file.Elf;
        var kind = KindOf(file);
        var resolutions = new List<NeededResolution>(elf.Needed.Count);
        var bundled = new List<string>();
        var external = new List<string>();
        foreach (var needed in elf.Needed)
        {
            var resolution = _loader.Resolve(file, needed);
            resolutions.Add(resolution);
            (resolution.Kind == NeededResolutionKind.Output ? bundled : external).Add(needed);
        }

        var evidence = LibcClassifier.Evidence(elf);
        if (ignore is null)
        {
            if (file.BundleError is not null)
            {
                findings.Add(UnreadableBundle(file));
            }

            Check(file, kind, evidence, resolutions, bundledNames, findings);
        }

        return new FileReport
        {
            Path = file.RelativePath,
            Size = file.Size,
            Elf = elf,
            Bundled = bundled,
            External = external,
            Needs = resolutions,
            MinimumGlibc = MinimumGlibc(elf),
            IgnoredReason = ignoredReason,
            Kind = kind,
            Libc = ElfNames.Libc(LibcClassifier.Reported(elf, evidence, file.StaticGlibcMarkers.Count > 0)),
            RuntimeLoaded = file.RuntimeLoadCandidates,
            DebugCompanion = file.DebugCompanion,
            DebugCompanionSize = file.DebugCompanionSize,
            Verdict = ignore is not null ? Verdict.Ignored : VerdictOf(findings),
            Container = file.Container,
            Bundle = file.Bundle,
            BundleNote = file.BundleNote,
            Package = OriginOf(file.RelativePath),
        };
    }

    private void Check(
        ScannedFile file,
        FileKind kind,
        LibcEvidence evidence,
        List<NeededResolution> resolutions,
        HashSet<string> bundledNames,
        List<Finding> findings)
    {
        if (kind == FileKind.DebugSymbols || kind == FileKind.Core)
        {
            // Never loaded: nothing of it reaches the target system's loader.
            return;
        }

        var architectureMatches = CheckArchitecture(file, findings);
        if (kind == FileKind.Relocatable || kind == FileKind.Other)
        {
            return;
        }

        var mismatchNames = CheckLibc(file, evidence, findings);
        CheckDenied(file, resolutions, findings);
        if (_resolved.RequiresFullyStatic)
        {
            CheckFullyStatic(file, findings);
        }
        else if (architectureMatches)
        {
            // Another architecture's loader names say nothing about this target: SL1005 already said it all.
            CheckInterpreter(file, mismatchNames, findings);
            CheckNeeded(file, resolutions, mismatchNames, findings);
            if (mismatchNames.Count == 0)
            {
                CheckTargetVersions(file, resolutions, findings);
                CheckMuslSymbols(file, resolutions, findings);
            }
        }

        CheckVersionLimits(file, findings);
        CheckRunPaths(file, findings);
        var staticGlibc = CheckStaticGlibc(file, kind, findings);
        CheckRuntimeLoads(file, bundledNames, staticGlibc, findings);
    }

    private static FileKind KindOf(ScannedFile file)
    {
        if (file.Elf is null)
        {
            return FileKind.Unreadable;
        }

        if (file.IsDebugSymbols)
        {
            return FileKind.DebugSymbols;
        }

        var elf = file.Elf;
        switch (elf.Type)
        {
            case ElfFileType.Executable:
                return FileKind.Executable;
            case ElfFileType.Relocatable:
                return FileKind.Relocatable;
            case ElfFileType.Core:
                return FileKind.Core;
            case ElfFileType.SharedObject:
                var isProgram = elf.Interpreter is not null
                    || ((elf.DynamicFlags1 ?? 0) & ElfConstants.DF_1_PIE) != 0
                    || elf.Linkage == ElfLinkage.StaticPie;
                return isProgram ? FileKind.Executable : FileKind.SharedLibrary;
            default:
                return FileKind.Other;
        }
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

    private static Verdict VerdictOf(List<Finding> findings)
    {
        var verdict = Verdict.Pass;
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Error)
            {
                return Verdict.Fail;
            }

            if (finding.Severity == FindingSeverity.Warning)
            {
                verdict = Verdict.Warn;
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
