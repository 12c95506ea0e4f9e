using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>What happens after start-up: run paths, static glibc's shared modules, and libraries loaded with dlopen.</summary>
public sealed partial class PolicyEvaluator
{
    private static void CheckRunPaths(ScannedFile file, List<Finding> findings)
    {
        var elf = file.Elf!;
        var problems = new List<string>();
        Classify("RPATH", elf.Rpath, problems);
        Classify("RUNPATH", elf.Runpath, problems);
        if (problems.Count == 0)
        {
            return;
        }

        var fix = new FindingFix(FixStep.Advice(
            "Use $ORIGIN-relative entries (e.g. $ORIGIN or $ORIGIN/lib) or none: relink without -rpath, or rewrite it with patchelf --set-rpath '$ORIGIN' / --remove-rpath"));
        findings.Add(new Finding(
            DiagnosticCodes.UnsafeRunPath,
            FindingSeverity.Warning,
            file.RelativePath,
            $"{file.RelativePath} has a library search path the loader resolves outside the output. {string.Join("; ", problems)}. "
            + "On the target system it finds whatever lies there (or, relative to the working directory, wherever the app is started from).",
            null,
            "run paths must be $ORIGIN-relative",
            fix));
    }

    private static void Classify(string tag, IReadOnlyList<string> entries, List<string> problems)
    {
        foreach (var entry in entries)
        {
            if (entry.Length == 0)
            {
                problems.Add($"{tag} has an empty entry, which means the working directory");
            }
            else if (entry[0] == '/')
            {
                problems.Add($"{tag} {entry} is absolute");
            }
            else if (!entry.StartsWith("$ORIGIN", StringComparison.Ordinal) && !entry.StartsWith("${ORIGIN}", StringComparison.Ordinal))
            {
                problems.Add($"{tag} {entry} is relative to the working directory");
            }
        }
    }

    /// <summary>SL2002; returns true when the file is a static glibc binary.</summary>
    private bool CheckStaticGlibc(ScannedFile file, FileKind kind, List<Finding> findings)
    {
        var elf = file.Elf!;
        if (!elf.IsFullyStatic || file.StaticGlibcMarkers.Count == 0 || kind != FileKind.Executable && kind != FileKind.SharedLibrary)
        {
            return false;
        }

        var evidence = new List<string>();
        if (elf.FindSection(".note.ABI-tag") is not null)
        {
            evidence.Add(".note.ABI-tag");
        }

        foreach (var marker in file.StaticGlibcMarkers)
        {
            evidence.Add("\"" + marker + "\"");
        }

        var musl = MuslRid();
        var fix = new FindingFix(
            FixStep.UseRuntimeIdentifier("Publish for ", musl, " for a truly static binary (musl has no loadable NSS modules)"),
            FixStep.Advice("Or make sure the target image has the same glibc version (with its libnss_*.so.2 modules) as the build machine"));
        findings.Add(new Finding(
            DiagnosticCodes.StaticGlibcNss,
            FindingSeverity.Warning,
            file.RelativePath,
            $"{file.RelativePath} is statically linked against glibc, yet still loads glibc's libnss_*.so.2 and gconv modules at run time. "
            + $"Evidence: {string.Join(", ", evidence)}. User, group and host look-ups (getpwnam, getaddrinfo, ...) through NSS and character set conversion "
            + "through iconv load those shared modules, and they must match the glibc it was linked with.",
            "libnss_*.so.2",
            "static glibc",
            fix));
        return true;
    }

    /// <summary>
    /// Libraries a file names in its read-only data (dlopen candidates) that the target lacks, grouped by family:
    /// OpenSSL is a warning (SL2001: cryptography fails at first use); ICU is judged once for the app (SL1011/SL2006);
    /// GSSAPI and third-party names are information, since only an optional feature loads them.
    /// </summary>
    private void CheckRuntimeLoads(ScannedFile file, HashSet<string> bundledNames, bool staticGlibc, List<Finding> findings)
    {
        var groups = new List<(RuntimeLoadFamily Family, List<string> Libraries)>();
        foreach (var candidate in file.RuntimeLoadCandidates)
        {
            if (IsExpectedRuntimeLoad(candidate, bundledNames, staticGlibc))
            {
                continue;
            }

            var family = DotNetRuntimeKnowledge.FamilyOf(candidate);
            var index = IndexOfFamily(groups, family);
            if (index < 0)
            {
                groups.Add((family, [candidate]));
            }
            else
            {
                groups[index].Libraries.Add(candidate);
            }
        }

        foreach (var (family, libraries) in groups)
        {
            if (family.Key == "icu" || TargetHasFamily(family, libraries))
            {
                continue;
            }

            if (family.Key == "openssl" && _rules.StaticOpenSslLinking)
            {
                continue;
            }

            if (family.Preferred is not null && libraries.Remove(family.Preferred))
            {
                libraries.Insert(0, family.Preferred);
            }

            var library = libraries[0];
            var alternatives = libraries.Count > 1 ? "It may load " + JoinLimited(libraries.GetRange(1, libraries.Count - 1), 4) + " instead. " : string.Empty;
            var purpose = family.Purpose is null ? string.Empty : "It is " + family.Purpose + ". ";
            var staticNote = file.Elf!.IsFullyStatic && file.Elf.Interpreter is null && _rules.Rid.Libc == LibcFlavor.Musl
                ? " In a static musl binary dlopen always fails."
                : string.Empty;
            var (code, severity) = family.Key switch
            {
                "openssl" => (DiagnosticCodes.RuntimeLoadedLibrary, FindingSeverity.Warning),
                "gssapi" => (DiagnosticCodes.OptionalRuntimePart, FindingSeverity.Info),
                _ => (DiagnosticCodes.PossibleRuntimeLoad, FindingSeverity.Info),
            };
            findings.Add(new Finding(
                code,
                severity,
                file.RelativePath,
                $"{file.RelativePath} may load {library} at run time with dlopen, and {TargetName} does not have it. "
                + alternatives
                + purpose
                + $"The name is in its read-only data, where ldd and readelf -d do not look.{staticNote}",
                library,
                TargetName,
                family.Fix,
                Target: Target.Id));
        }
    }

    // A loop, not List.FindIndex: FindIndex over a list of tuples is generic code the JIT compiled in every MSBuild
    // process that ran the check.
    private static int IndexOfFamily(List<(RuntimeLoadFamily Family, List<string> Libraries)> groups, RuntimeLoadFamily family)
    {
        for (var index = 0; index < groups.Count; index++)
        {
            if (groups[index].Family.Key == family.Key)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>A family the runtime probes by several names (libssl.so.3, .1.1, ...) is present when the target has any of them.</summary>
    private bool TargetHasFamily(RuntimeLoadFamily family, List<string> libraries)
    {
        foreach (var library in libraries)
        {
            if (Target.FindLibrary(library) is not null)
            {
                return true;
            }
        }

        return family.Key switch
        {
            "openssl" => Target.HasLibraryStartingWith("libssl.so."),
            "gssapi" => Target.HasLibraryStartingWith("libgssapi_krb5.so."),
            _ => false,
        };
    }

    private bool IsExpectedRuntimeLoad(string candidate, HashSet<string> bundledNames, bool staticGlibc)
    {
        if (bundledNames.Contains(candidate)
            || _rules.FindAllow(candidate) is not null
            || DotNetRuntimeKnowledge.IsRuntimeComponent(candidate)
            || DotNetRuntimeKnowledge.IsOptionalTracing(candidate)
            || (Target.Libc == LibcFlavor.Musl && LoaderModel.IsMuslReserved(candidate)))
        {
            return true;
        }

        // glibc's own run-time modules in a static glibc binary: SL2002 tells that story once.
        return staticGlibc
            && (LibcClassifier.IsGlibcLibrary(candidate)
                || candidate.StartsWith("libnss_", StringComparison.Ordinal)
                || candidate.StartsWith("libidn2.so", StringComparison.Ordinal)
                || candidate == "libgcc_s.so.1");
    }
}
