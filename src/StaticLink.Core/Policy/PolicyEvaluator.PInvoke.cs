using System.Collections.Generic;
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
                    ? (PInvokeResolutions.Ignored, ignore.Reason ?? "ignored by " + ignore.DisplayName)
                    : Resolve(module.Name, bundledNames);
                targets.Add(new PInvokeTargetReport(assembly.RelativePath, module.Name, library, resolution, resolvedBy, module.ImportCount));
                if (resolution == PInvokeResolutions.Missing)
                {
                    findings.Add(MissingPInvokeTarget(assembly, module, library));
                }
            }
        }

        return targets;
    }

    private (string Resolution, string? ResolvedBy) Resolve(string module, HashSet<string> bundledNames)
    {
        switch (NativeLibraryProbing.Classify(module))
        {
            case PInvokeModuleKind.RuntimeInternal:
                return (PInvokeResolutions.Runtime, "a call into the runtime itself");
            case PInvokeModuleKind.CLibrary:
                return (PInvokeResolutions.CLibrary, "the runtime maps \"libc\" to the C library");
            case PInvokeModuleKind.WindowsOnly:
                return (PInvokeResolutions.OtherPlatform, "Windows only");
            case PInvokeModuleKind.AppleOnly:
                return (PInvokeResolutions.OtherPlatform, "macOS and iOS only");
        }

        var candidates = NativeLibraryProbing.CandidateFileNames(module);
        foreach (var candidate in candidates)
        {
            // An absolute path is loaded from exactly there: a copy in the output does not help.
            if (candidate[0] != '/' && bundledNames.Contains(candidate))
            {
                return (PInvokeResolutions.Bundled, candidate);
            }
        }

        foreach (var candidate in candidates)
        {
            var name = NativeLibraryProbing.FileNameOf(candidate);
            if (DotNetRuntimeKnowledge.IsRuntimeComponent(name))
            {
                return (PInvokeResolutions.Runtime, name);
            }
        }

        foreach (var candidate in candidates)
        {
            var name = NativeLibraryProbing.FileNameOf(candidate);
            if (Policy.AllowsLibrary(name))
            {
                return (PInvokeResolutions.Allowed, Policy.DisplayName);
            }

            if (_rules.FindAllow(name) is { } rule)
            {
                return (PInvokeResolutions.Allowed, rule.DisplayName);
            }
        }

        return (PInvokeResolutions.Missing, null);
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
        var fix = $"Bundle a native build for {Rid} (a package asset under runtimes/{Rid}/native/{library}), install it in the target image, "
            + $"or, if the app never makes these calls on Linux, allow it with <StaticLinkAllow Include=\"{module.Name}\" Pattern=\"{allowPattern}\" Reason=\"...\" />.";
        return new Finding(
            DiagnosticCodes.RuntimeLoadedLibrary,
            FindingSeverity.Warning,
            assembly.RelativePath,
            $"{assembly.RelativePath}{where} calls native library \"{module.Name}\" with P/Invoke ({module.ImportCount} method{(module.ImportCount == 1 ? string.Empty : "s")}{entryPoints}). "
            + $"On first call the runtime loads {tried}; none is bundled in the output or allowed by policy {Policy.DisplayName}, "
            + "and ELF tools do not see this dependency: without it the call fails with DllNotFoundException. " + fix,
            library,
            Policy.DisplayName,
            fix);
    }

    private static Finding UnreadableAssembly(ScannedAssembly assembly)
    {
        var offset = assembly.ErrorOffset is { } value ? " at offset " + Hex(value) : string.Empty;
        var where = assembly.Container is null ? string.Empty : $" (in the single-file bundle {assembly.Container})";
        var fix = $"Replace {assembly.FileName} with a complete build, or leave it out of the check with "
            + $"<StaticLinkIgnore Include=\"{assembly.RelativePath}\" Reason=\"...\" />.";
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            assembly.RelativePath,
            $"{assembly.RelativePath}{where} has a .NET CLI header but its metadata could not be read{offset}: {assembly.Error}. "
            + $"The runtime cannot load it, and its P/Invoke targets cannot be checked. {fix}",
            null,
            "assembly metadata reader",
            fix);
    }
}
