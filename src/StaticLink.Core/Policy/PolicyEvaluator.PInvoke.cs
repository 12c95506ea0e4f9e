using System.Collections.Generic;
using StaticLink.Core.Loading;
using StaticLink.Core.Managed;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// P/Invoke targets: the native libraries the output's assemblies name in DllImport / LibraryImport. No ELF tool
/// sees them; the runtime dlopens them on first call, trying the names of <see cref="NativeLibraryProbing"/>.
/// </summary>
public sealed partial class PolicyEvaluator
{
    private List<PInvokeTargetReport> EvaluateAssemblies(IReadOnlyList<ScannedAssembly> assemblies, HashSet<string> bundledNames, List<Finding> findings)
    {
        var targets = new List<PInvokeTargetReport>();
        foreach (var assembly in assemblies)
        {
            var ignore = _rules.FindIgnore(assembly.RelativePath, assembly.FileName);
            if (assembly.Error is not null)
            {
                if (ignore is null)
                {
                    findings.Add(UnreadableAssembly(assembly));
                }

                continue;
            }

            foreach (var module in assembly.PInvokeModules)
            {
                var library = NativeLibraryProbing.FileNameOf(NativeLibraryProbing.PreferredFileName(module.Name));
                var (resolution, resolvedBy) = ignore is not null
                    ? (PInvokeResolution.Ignored, ignore.Reason ?? "ignored by " + ignore.DisplayName)
                    : Resolve(module.Name, bundledNames);
                targets.Add(new PInvokeTargetReport(assembly.RelativePath, module.Name, library, resolution, resolvedBy, module.ImportCount));
                if (resolution == PInvokeResolution.Missing)
                {
                    findings.Add(OtherBuildOf(module.Name, bundledNames) is { } bundledBuild
                        ? OtherArchitectureImport(assembly, module, library, bundledBuild)
                        : MissingPInvokeTarget(assembly, module, library));
                }
            }
        }

        return targets;
    }

    private (PInvokeResolution Resolution, string? ResolvedBy) Resolve(string module, HashSet<string> bundledNames)
    {
        switch (NativeLibraryProbing.Classify(module))
        {
            case PInvokeModuleKind.RuntimeInternal:
                return (PInvokeResolution.Runtime, "a call into the runtime itself");
            case PInvokeModuleKind.CLibrary:
                return (PInvokeResolution.CLibrary, "the runtime maps \"libc\" to the C library");
            case PInvokeModuleKind.WindowsOnly:
                return (PInvokeResolution.OtherPlatform, "Windows only");
            case PInvokeModuleKind.AppleOnly:
                return (PInvokeResolution.OtherPlatform, "macOS and iOS only");
        }

        var candidates = NativeLibraryProbing.CandidateFileNames(module);
        foreach (var candidate in candidates)
        {
            // An absolute path is loaded from exactly there: a copy in the output does not help.
            if (candidate[0] != '/' && bundledNames.Contains(candidate))
            {
                return (PInvokeResolution.Bundled, candidate);
            }
        }

        foreach (var candidate in candidates)
        {
            var name = NativeLibraryProbing.FileNameOf(candidate);
            if (DotNetRuntimeKnowledge.IsRuntimeComponent(name))
            {
                return (PInvokeResolution.Runtime, name);
            }
        }

        foreach (var candidate in candidates)
        {
            var name = NativeLibraryProbing.FileNameOf(candidate);
            if (Target.Libc == Elf.LibcFlavor.Musl && LoaderModel.IsMuslReserved(name))
            {
                return (PInvokeResolution.CLibrary, "musl's loader answers " + name + " with itself");
            }

            if (Target.FindLibrary(candidate) is not null || (candidate[0] != '/' && Target.FindLibrary(name) is not null))
            {
                return (PInvokeResolution.Target, TargetName);
            }

            if (_rules.FindAllow(name) is { } rule)
            {
                return (PInvokeResolution.Allowed, rule.DisplayName);
            }
        }

        return (PInvokeResolution.Missing, null);
    }

    private Finding MissingPInvokeTarget(ScannedAssembly assembly, PInvokeModule module, string library)
    {
        var candidates = NativeLibraryProbing.CandidateFileNames(module.Name);
        var others = new List<string>();
        foreach (var candidate in candidates)
        {
            if (NativeLibraryProbing.FileNameOf(candidate) != library)
            {
                others.Add(candidate);
            }
        }

        var tried = others.Count == 0 ? library : library + " (then " + string.Join(", ", others) + ")";
        var entryPoints = module.EntryPoints.Count == 0 ? string.Empty : ", e.g. " + string.Join(", ", module.EntryPoints);
        var where = assembly.Container is null ? string.Empty : $" (in the single-file bundle {assembly.Container})";
        var allowPattern = library.EndsWith(".so", System.StringComparison.Ordinal) ? library + "*" : library;
        var fix = new FindingFix(
            FixStep.UsePackageAsset($"Bundle a native build for {Rid} (a package asset under ", Rid, library, "), or install it in the target image"),
            FixStep.AllowLibrary("If the app never makes these calls on Linux, allow it with ", module.Name, allowPattern));
        return new Finding(
            DiagnosticCodes.RuntimeLoadedLibrary,
            FindingSeverity.Warning,
            assembly.RelativePath,
            $"{assembly.RelativePath}{where} calls native library \"{module.Name}\" ({library}) with P/Invoke, and neither the output nor {TargetName} has it. "
            + $"{module.ImportCount} method{(module.ImportCount == 1 ? string.Empty : "s")}{entryPoints}. On first call the runtime loads {tried}; "
            + "ELF tools do not see this dependency: without it the call fails with DllNotFoundException.",
            library,
            TargetName,
            fix,
            Target: Target.Id);
    }

    /// <summary>
    /// The bundled file a missing module is another build of: the same name once an architecture or RID word is taken
    /// out (Grpc.Core's grpc_csharp_ext.x86 and .arm64 beside the bundled x64 build). Null when there is none.
    /// </summary>
    private static string? OtherBuildOf(string module, HashSet<string> bundledNames)
    {
        var stem = WithoutArchitectureWords(NativeLibraryProbing.FileNameOf(NativeLibraryProbing.PreferredFileName(module)));
        if (stem.Length == 0)
        {
            return null;
        }

        var wanted = NativeLibraryProbing.FileNameOf(NativeLibraryProbing.PreferredFileName(module));
        foreach (var name in bundledNames)
        {
            if (name != wanted && WithoutArchitectureWords(name) == stem)
            {
                return name;
            }
        }

        return null;
    }

    private static readonly string[] ArchitectureWords = ["x86", "x64", "arm64", "arm", "aarch64", "x86_64", "amd64", "i386", "musl", "linux", "win", "osx"];

    private static string WithoutArchitectureWords(string fileName)
    {
        var parts = fileName.Split('.', '-', '_');
        var kept = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (System.Array.IndexOf(ArchitectureWords, part.ToLowerInvariant()) < 0)
            {
                kept.Add(part);
            }
        }

        // Compared in one spelling: grpc_csharp_ext.x64.so and libgrpc_csharp_ext.so both become libgrpc.csharp.ext.so.
        return string.Join(".", kept);
    }

    private Finding OtherArchitectureImport(ScannedAssembly assembly, PInvokeModule module, string library, string bundled)
    {
        var fix = new FindingFix(FixStep.Advice("Nothing to do: the runtime tries the other names only on other architectures or RIDs"));
        return new Finding(
            DiagnosticCodes.OtherArchitectureImport,
            FindingSeverity.Info,
            assembly.RelativePath,
            $"{assembly.RelativePath} calls native library \"{module.Name}\" ({library}), another architecture's or RID's build of {bundled}. The output bundles {bundled} for {Rid}.",
            library,
            Rid,
            fix,
            Target: Target.Id);
    }

    /// <summary>Files of the output a P/Invoke loads by name, which then satisfy other files' NEEDED of their SONAME.</summary>
    private static HashSet<string> PInvokeLoadedNames(List<PInvokeTargetReport> targets)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (target.Resolution == PInvokeResolution.Bundled && target.ResolvedBy is { } name)
            {
                names.Add(NativeLibraryProbing.FileNameOf(name));
            }
        }

        return names;
    }

    private static Finding UnreadableAssembly(ScannedAssembly assembly)
    {
        var offset = assembly.ErrorOffset is { } value ? " at offset " + Hex(value) : string.Empty;
        var where = assembly.Container is null ? string.Empty : $" (in the single-file bundle {assembly.Container})";
        var fix = new FindingFix(
            FixStep.IgnoreFile($"Replace {assembly.FileName} with a complete build, or leave it out of the check with ", assembly.RelativePath));
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            assembly.RelativePath,
            $"{assembly.RelativePath}{where} has a .NET CLI header but its metadata could not be read{offset}. The reader says: {assembly.Error}. "
            + "The runtime cannot load it, and its P/Invoke targets cannot be checked.",
            null,
            "assembly metadata reader",
            fix);
    }
}
