using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Loading;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>The checks on what a file needs from the loader: architecture, C library, NEEDED entries, interpreter.</summary>
public sealed partial class PolicyEvaluator
{
    private const uint ArmSoftFloatAbi = 0x200;

    private static Finding Unreadable(ScannedFile file)
    {
        if (file.Container is not null)
        {
            return UnreadableEmbedded(file);
        }

        var offset = file.ErrorOffset is { } value ? " at offset " + Hex(value) : string.Empty;
        var fix = new FindingFix(
            FixStep.IgnoreFile($"Replace {file.FileName} with a complete build, or leave it out of the check with ", file.RelativePath));
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} could not be read as an ELF file{offset}. The reader says: {file.Error}.",
            null,
            "ELF reader",
            fix);
    }

    private bool CheckArchitecture(ScannedFile file, List<Finding> findings)
    {
        var architecture = _rules.Rid.Architecture;
        var elf = file.Elf!;
        if (architecture is null)
        {
            return true;
        }

        string? actual = null;
        if (!architecture.Accepts(elf))
        {
            actual = elf.MachineName + ", " + ClassName(elf.Class)
                + (elf.Machine == architecture.Machine && elf.Endianness != architecture.Endianness ? ", " + ElfNames.Endianness(elf.Endianness) + "-endian" : string.Empty);
        }
        else if (elf.Machine == ElfMachine.Arm && (elf.Flags & ArmSoftFloatAbi) != 0)
        {
            // linux-arm is the hard-float ABI (armhf); a soft-float library cannot be loaded by its loader.
            actual = "arm, 32-bit, soft-float ABI";
        }

        if (actual is null)
        {
            return true;
        }

        var expected = architecture.Description + (architecture.Machine == ElfMachine.Arm ? ", hard-float ABI" : string.Empty);
        var fix = new FindingFix(
            FixStep.UsePackageAsset($"Use the {Rid} build of {file.FileName} (the package asset ", Rid, file.FileName, "), or remove it from the output"));
        findings.Add(new Finding(
            DiagnosticCodes.ArchitectureMismatch,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is built for {actual}, but {Rid} needs {expected} files.",
            null,
            Rid,
            fix));
        return false;
    }

    /// <summary>SL1002 when the file shows the other C library; returns the names quoted, so they are not reported again.</summary>
    private HashSet<string> CheckLibc(ScannedFile file, LibcEvidence evidence, List<Finding> findings)
    {
        var quoted = new HashSet<string>(System.StringComparer.Ordinal);
        IReadOnlyList<string> facts;
        IReadOnlyList<string> names;
        string built;
        FindingFix fix;
        if (ExpectedLibc == LibcFlavor.Musl && evidence.Glibc.Count > 0)
        {
            facts = WithGlibcOnlySymbols(evidence.Glibc, file.Elf!);
            names = evidence.GlibcNames;
            built = "glibc";
            fix = new FindingFix(
                FixStep.UsePackageAsset($"Use a musl build of {file.FileName} (the package asset ", Rid, file.FileName, ")"),
                FixStep.UseRuntimeIdentifier("Or publish for ", GlibcRid(), " instead"));
        }
        else if (ExpectedLibc == LibcFlavor.Glibc && evidence.Musl.Count > 0)
        {
            facts = evidence.Musl;
            names = evidence.MuslNames;
            built = "musl";
            fix = new FindingFix(
                FixStep.UsePackageAsset($"Use a glibc build of {file.FileName} (the package asset ", Rid, file.FileName, ")"),
                FixStep.UseRuntimeIdentifier("Or publish for ", MuslRid(), " instead"));
        }
        else
        {
            return quoted;
        }

        foreach (var name in names)
        {
            quoted.Add(name);
        }

        var expected = ExpectedLibc == LibcFlavor.Musl ? "musl" : "glibc";
        var library = LibcClassifier.MainLibrary(names);
        findings.Add(new Finding(
            DiagnosticCodes.LibcMismatch,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is built for {built}, but {TargetName} runs {expected}: it will not load there. "
            + $"Evidence: {string.Join("; ", facts)}.",
            library,
            TargetName,
            fix,
            Target: Target.Id));
        return quoted;
    }

    private void CheckDenied(ScannedFile file, List<NeededResolution> resolutions, List<Finding> findings)
    {
        if (_rules.Deny.Count == 0)
        {
            return;
        }

        var needed = new List<string>(file.Elf!.Needed);
        if (file.Elf.Interpreter is not null)
        {
            needed.Add(ForwardSlashPath.FileName(file.Elf.Interpreter));
        }

        foreach (var library in needed)
        {
            var rule = _rules.FindDeny(library);
            if (rule is null)
            {
                continue;
            }

            var resolution = resolutions.Find(item => item.Library == library);
            var where = resolution is null ? "its program interpreter"
                : resolution.Kind == NeededResolutionKind.Output ? "bundled in the output"
                : resolution.Kind == NeededResolutionKind.Unreachable ? "in the output, out of the loader's reach"
                : "not bundled";
            var reason = rule.Reason is null ? string.Empty : $" Its reason: {rule.Reason}.";
            var fix = new FindingFix(
                FixStep.Advice($"Remove the dependency on {library} (use a build of {file.FileName} without it), or drop the rule {rule.DisplayName}"));
            findings.Add(new Finding(
                DiagnosticCodes.DeniedLibrary,
                FindingSeverity.Error,
                file.RelativePath,
                $"{file.RelativePath} needs {library} ({where}), which is denied by {rule.DisplayName}.{reason}",
                library,
                rule.DisplayName,
                fix));
        }
    }

    private void CheckFullyStatic(ScannedFile file, List<Finding> findings)
    {
        var elf = file.Elf!;
        if (elf.IsFullyStatic)
        {
            return;
        }

        var parts = new List<string>();
        if (elf.Interpreter is not null)
        {
            parts.Add("the interpreter " + elf.Interpreter);
        }

        if (elf.Needed.Count > 0)
        {
            parts.Add("NEEDED " + string.Join(", ", elf.Needed));
        }

        var fix = new FindingFix(
            FixStep.LinkStatically(
                "Publish it fully static with ",
                Rid,
                _rules.Rid.Libc == LibcFlavor.Glibc ? $" (a static glibc still loads NSS modules; {MuslRid()} is fully static)" : string.Empty),
            FixStep.UseTarget("Or name a target that has shared libraries, e.g. ", ExpectedLibc == LibcFlavor.Musl ? "alpine.3.20" : "debian.12"));
        var library = elf.Needed.Count > 0 ? elf.Needed[0] : elf.Interpreter;
        findings.Add(new Finding(
            DiagnosticCodes.NotFullyStatic,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is not fully static, as {TargetName} requires: it needs {library}. It has {string.Join(" and ", parts)}.",
            library,
            TargetName,
            fix,
            Target: Target.Id));
    }

    private void CheckInterpreter(ScannedFile file, HashSet<string> mismatchNames, List<Finding> findings)
    {
        var interpreter = file.Elf!.Interpreter;
        if (interpreter is null)
        {
            return;
        }

        var name = ForwardSlashPath.FileName(interpreter);
        if (mismatchNames.Contains(name)
            || Target.FindLibrary(interpreter) is not null
            || Target.FindLibrary(name) is not null
            || _rules.FindAllow(name) is not null
            || _rules.FindDeny(name) is not null)
        {
            return;
        }

        var fix = new FindingFix(Target.Libc == LibcFlavor.None
            ? FixStep.LinkStatically($"{Target.Id} has no C library and no loader: publish fully static with ", Rid, ", or run on an image that has the loader")
            : FixStep.AllowLibrary($"Link {file.FileName} with the standard loader of {Target.Id}{LoaderNames()}, or allow it with ", name));
        findings.Add(new Finding(
            DiagnosticCodes.UnexpectedLibrary,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} asks for the program interpreter {interpreter}, which {TargetName} does not have. The kernel cannot start it there.",
            name,
            TargetName,
            fix,
            Target: Target.Id));
    }

    /// <summary>" (ld-linux-x86-64.so.2)": the target's loaders for this architecture, for messages.</summary>
    private string LoaderNames()
    {
        var names = new List<string>();
        foreach (var loader in ExpectedLibc == LibcFlavor.Musl ? _rules.Rid.Architecture?.MuslLoaders ?? [] : _rules.Rid.Architecture?.GlibcLoaders ?? [])
        {
            if (Target.FindLibrary(loader) is not null)
            {
                names.Add(loader);
            }
        }

        return names.Count == 0 ? string.Empty : " (" + string.Join(" or ", names) + ")";
    }

    private void CheckNeeded(ScannedFile file, List<NeededResolution> resolutions, HashSet<string> mismatchNames, List<Finding> findings)
    {
        foreach (var resolution in resolutions)
        {
            var library = resolution.Library;
            if (resolution.IsFound
                || mismatchNames.Contains(library)
                || _rules.FindAllow(library) is not null
                || _rules.FindDeny(library) is not null)
            {
                continue;
            }

            if (file.FileName == DotNetRuntimeKnowledge.LttngProvider && DotNetRuntimeKnowledge.IsLttngLibrary(library))
            {
                findings.Add(OptionalLttngProvider(file, library));
                continue;
            }

            findings.Add(resolution.Kind == NeededResolutionKind.Unreachable
                ? UnreachableLibrary(file, resolution)
                : MissingLibrary(file, library));
        }
    }

    private Finding MissingLibrary(ScannedFile file, string library)
    {
        var fix = Target.Libc == LibcFlavor.None
            ? new FindingFix(FixStep.LinkStatically($"{Target.Id} has no shared libraries at all: publish fully static with ", Rid, $", bundle {library} with RUNPATH $ORIGIN, or run on an image that has it"))
            : new FindingFix(
                FixStep.Advice($"Install {library} in the image, or bundle a build of it for {Rid} (reached through RUNPATH $ORIGIN)"),
                FixStep.UseTarget($"If {Target.Id} is not where it will run, name the real target, e.g. ", OtherTargetExample()),
                FixStep.AllowLibrary("If the library is really there, allow it with ", library));
        return new Finding(
            DiagnosticCodes.UnexpectedLibrary,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} needs {library}, which neither the output nor {TargetName} has. "
            + $"Loading it fails with \"{library}: cannot open shared object file\".",
            library,
            TargetName,
            fix,
            Target: Target.Id);
    }

    /// <summary>
    /// SL1009: the output has the library, but the loader searches the file's run paths and the system, never the
    /// directory of the file that needs it. A warning when the library is itself a P/Invoke target: the app may load
    /// it by name first, and an already loaded SONAME satisfies the NEEDED.
    /// </summary>
    private Finding UnreachableLibrary(ScannedFile file, NeededResolution resolution)
    {
        var library = resolution.Library;
        var provider = resolution.OutputFile!;
        var elf = file.Elf!;
        var paths = elf.Runpath.Count > 0 ? "RUNPATH " + string.Join(":", elf.Runpath) : elf.Rpath.Count > 0 ? "RPATH " + string.Join(":", elf.Rpath) : "no RPATH or RUNPATH";
        var preloaded = _pinvokeLoaded.Contains(provider.FileName) || (provider.Elf?.Soname is { } soname && _pinvokeLoaded.Contains(soname));
        var origin = OriginOf(file.RelativePath);
        var runPath = RunPathTo(file.RelativePath, provider.RelativePath);
        var byName = provider.FileName == library || Contains(provider.Aliases, library);
        var steps = new List<FixStep>
        {
            FixStep.Advice($"Link {file.FileName} with -Wl,-rpath,'{runPath}' or set it afterwards with patchelf --set-rpath '{runPath}' {file.FileName}"),
        };
        if (!byName)
        {
            steps.Add(FixStep.Advice($"The loader opens it by the name {library}: also ship {provider.FileName} under that name (or a link of that name)"));
        }

        if (!origin.StartsWith("the app", StringComparison.Ordinal))
        {
            steps.Add(FixStep.SetEnvironmentVariable(
                $"{file.FileName} comes from {origin}: ask its authors for RUNPATH $ORIGIN, and until then put the app directory on the loader's path in the image, e.g. ",
                "LD_LIBRARY_PATH",
                "/app"));
        }

        var fix = new FindingFix(steps);
        var why = preloaded
            ? $" It works only if the app loads {provider.FileName} first (it is a P/Invoke target, and a loaded SONAME satisfies the NEEDED)."
            : string.Empty;
        return new Finding(
            DiagnosticCodes.UnreachableLibrary,
            preloaded ? FindingSeverity.Warning : FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} needs {library}, which the output has as {provider.RelativePath}, out of the loader's reach. {file.FileName} has {paths}, and "
            + (ReachesDirectoryOf(file, provider)
                ? $"though that reaches {provider.FileName}'s directory, the loader looks for a file named {library}, and the output has it only as {provider.FileName} (its SONAME)"
                : "no $ORIGIN entry reaches it (a library's NEEDED is searched in its run paths and the system, not beside it; .NET loads " + file.FileName + " by full path)")
            + $".{why}",
            library,
            "loader search path",
            fix,
            Target: Target.Id);
    }

    private static bool ReachesDirectoryOf(ScannedFile file, ScannedFile provider)
    {
        var slash = provider.RelativePath.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : provider.RelativePath.Substring(0, slash);
        foreach (var searched in LoaderModel.SearchDirectories(file))
        {
            if (searched == directory)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"$ORIGIN", or "$ORIGIN/../lib" from bin/app to lib/libx.so: the run path that reaches the provider.</summary>
    private static string RunPathTo(string fromFile, string toFile)
    {
        var from = DirectoryParts(fromFile);
        var to = DirectoryParts(toFile);
        var common = 0;
        while (common < from.Count && common < to.Count && from[common] == to[common])
        {
            common++;
        }

        var parts = new List<string> { "$ORIGIN" };
        for (var index = common; index < from.Count; index++)
        {
            parts.Add("..");
        }

        parts.AddRange(to.GetRange(common, to.Count - common));
        return string.Join("/", parts);
    }

    private static List<string> DirectoryParts(string relativePath)
    {
        var parts = new List<string>(relativePath.Split('/'));
        parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    private Finding OptionalLttngProvider(ScannedFile file, string library)
    {
        var fix = new FindingFix(
            FixStep.IgnoreFile($"Delete {file.FileName} from the output if you do not trace with LTTng, or leave it out of the check with ", file.FileName, "no LTTng"),
            FixStep.SetEnvironmentVariable("Or keep the runtime from trying to load it with ", "DOTNET_LTTng", "0"),
            FixStep.Advice($"Install {library} (liblttng-ust) in the target image only if you want LTTng tracing"));
        return new Finding(
            DiagnosticCodes.OptionalRuntimePart,
            FindingSeverity.Info,
            file.RelativePath,
            $"{file.RelativePath} needs {library}, which {TargetName} does not have: it is .NET's optional LTTng tracing provider. "
            + "coreclr loads it with dlopen and skips it when that fails, so the app runs without it.",
            library,
            ".NET runtime optional component",
            fix,
            Target: Target.Id);
    }

    /// <summary>A catalogued target of the expected C library other than this one, to show how a target is named.</summary>
    private string OtherTargetExample() => ExpectedLibc == LibcFlavor.Musl
        ? (Target.Id == "alpine.3.20" ? "alpine.3.21" : "alpine.3.20")
        : (Target.Id == "debian.12" ? "debian.13" : "debian.12");

    private string MuslRid() => "linux-musl-" + (_rules.Rid.ArchitectureName.Length > 0 ? _rules.Rid.ArchitectureName : "x64");

    private string GlibcRid() => "linux-" + (_rules.Rid.ArchitectureName.Length > 0 ? _rules.Rid.ArchitectureName : "x64");

    /// <summary>glibc's fortified and version functions, which no musl has: evidence that a file was built against glibc.</summary>
    private static IReadOnlyList<string> WithGlibcOnlySymbols(IReadOnlyList<string> facts, ElfFile elf)
    {
        var symbols = new List<string>();
        foreach (var symbol in elf.UndefinedSymbols)
        {
            var name = symbol.Name;
            if (!symbol.IsWeak
                && ((name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("_chk", StringComparison.Ordinal)) || name.StartsWith("gnu_get_libc_", StringComparison.Ordinal))
                && !symbols.Contains(name))
            {
                symbols.Add(name);
            }
        }

        if (symbols.Count == 0)
        {
            return facts;
        }

        var result = new List<string>(facts) { "glibc-only symbols " + JoinLimited(symbols, 4) };
        return result;
    }

    private static string ClassName(ElfClass elfClass) => elfClass switch
    {
        ElfClass.Elf64 => "64-bit",
        ElfClass.Elf32 => "32-bit",
        _ => "unknown class",
    };
}
