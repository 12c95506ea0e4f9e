using System.Collections.Generic;
using StaticLink.Core.Elf;
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
        var fix = $"Replace {file.FileName} with a complete build, or leave it out of the check with "
            + $"<StaticLinkIgnore Include=\"{file.RelativePath}\" Reason=\"...\" />.";
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} could not be read as an ELF file{offset}: {file.Error}. {fix}",
            null,
            "ELF reader",
            fix);
    }

    private bool CheckArchitecture(ScannedFile file, List<Finding> findings)
    {
        var architecture = _rules.Target.Architecture;
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
        var fix = $"Use the {Rid} build of {file.FileName} (a package asset under runtimes/{Rid}/native/), or remove it from the output.";
        findings.Add(new Finding(
            DiagnosticCodes.ArchitectureMismatch,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is built for {actual}, but {Rid} needs {expected} files. {fix}",
            null,
            Policy.DisplayName,
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
        string fix;
        if (Policy.ExpectedLibc == LibcFlavor.Musl && evidence.Glibc.Count > 0)
        {
            facts = evidence.Glibc;
            names = evidence.GlibcNames;
            built = "glibc";
            fix = $"Use a musl build of {file.FileName} (a package asset under runtimes/{Rid}/native/), "
                + $"or publish for {GlibcRid()} instead.";
        }
        else if (Policy.ExpectedLibc == LibcFlavor.Glibc && evidence.Musl.Count > 0)
        {
            facts = evidence.Musl;
            names = evidence.MuslNames;
            built = "musl";
            fix = $"Use a glibc build of {file.FileName} (a package asset under runtimes/{Rid}/native/), "
                + $"or publish for {MuslRid()} instead.";
        }
        else
        {
            return quoted;
        }

        foreach (var name in names)
        {
            quoted.Add(name);
        }

        var expected = Policy.ExpectedLibc == LibcFlavor.Musl ? "musl" : "glibc";
        var library = LibcEvidence.MainLibrary(names);
        findings.Add(new Finding(
            DiagnosticCodes.LibcMismatch,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is built for {built} ({string.Join("; ", facts)}), but policy {Policy.DisplayName} is for {expected}: "
            + $"it will not load on a {expected} system. {fix}",
            library,
            Policy.DisplayName,
            fix));
        return quoted;
    }

    private void CheckDenied(ScannedFile file, List<string> bundled, List<string> external, List<Finding> findings)
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

            var where = bundled.Contains(library) ? "bundled in the output" : external.Contains(library) ? "not bundled" : "its program interpreter";
            var reason = rule.Reason is null ? string.Empty : $" ({rule.Reason})";
            var fix = $"Remove the dependency on {library} (use a build of {file.FileName} without it), or drop the rule {rule.DisplayName}.";
            findings.Add(new Finding(
                DiagnosticCodes.DeniedLibrary,
                FindingSeverity.Error,
                file.RelativePath,
                $"{file.RelativePath} needs {library} ({where}), which is denied by {rule.DisplayName}{reason}. {fix}",
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

        var fix = "Publish it fully static: <StaticLinkProfile>static</StaticLinkProfile> (NativeAOT with StaticExecutable"
            + (_rules.Target.Libc == LibcFlavor.Glibc ? $"; a static glibc still loads NSS modules, {MuslRid()} is fully static" : string.Empty)
            + "), or choose a policy that allows shared libraries (glibc-portable, musl-portable).";
        findings.Add(new Finding(
            DiagnosticCodes.NotFullyStatic,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} is not fully static, as policy {Policy.DisplayName} requires: it has {string.Join(" and ", parts)}. {fix}",
            elf.Needed.Count > 0 ? elf.Needed[0] : elf.Interpreter,
            Policy.DisplayName,
            fix));
    }

    private void CheckInterpreter(ScannedFile file, HashSet<string> mismatchNames, List<Finding> findings)
    {
        var interpreter = file.Elf!.Interpreter;
        if (interpreter is null)
        {
            return;
        }

        var name = ForwardSlashPath.FileName(interpreter);
        if (mismatchNames.Contains(name) || Policy.AllowsInterpreter(name) || _rules.FindAllow(name) is not null || _rules.FindDeny(name) is not null)
        {
            return;
        }

        var expected = Policy.AllowedInterpreters.Count > 0 ? string.Join(" or ", Policy.AllowedInterpreters) : "none";
        var fix = $"Link {file.FileName} with the standard loader for {Rid} ({expected}), or allow it with <StaticLinkAllow Include=\"{name}\" />.";
        findings.Add(new Finding(
            DiagnosticCodes.UnexpectedLibrary,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} asks for the program interpreter {interpreter}, which policy {Policy.DisplayName} does not allow. {fix}",
            name,
            Policy.DisplayName,
            fix));
    }

    private void CheckExternalLibraries(ScannedFile file, List<string> external, HashSet<string> mismatchNames, List<Finding> findings)
    {
        foreach (var library in external)
        {
            if (mismatchNames.Contains(library)
                || Policy.AllowsLibrary(library)
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

            var fix = $"Allow it with <StaticLinkAllow Include=\"{library}\" />, or bundle a build of {library} for {Rid}.";
            findings.Add(new Finding(
                DiagnosticCodes.UnexpectedLibrary,
                FindingSeverity.Error,
                file.RelativePath,
                $"{file.RelativePath} needs {library}, which is not bundled and not allowed by policy {Policy.DisplayName}. {fix}",
                library,
                Policy.DisplayName,
                fix));
        }
    }

    private Finding OptionalLttngProvider(ScannedFile file, string library)
    {
        var fix = $"Delete {file.FileName} from the output if you do not trace with LTTng (or leave it out of the check with "
            + $"<StaticLinkIgnore Include=\"{file.FileName}\" Reason=\"no LTTng\" />), or set DOTNET_LTTng=0 so the runtime does not try to load it; "
            + $"install {library} (liblttng-ust) in the target image only if you want LTTng tracing.";
        return new Finding(
            DiagnosticCodes.OptionalRuntimeComponent,
            FindingSeverity.Warning,
            file.RelativePath,
            $"{file.RelativePath} needs {library}, which is not bundled and not allowed by policy {Policy.DisplayName}; "
            + "it is the .NET runtime's optional LTTng tracing provider, which coreclr loads with dlopen and skips when that fails, so the app runs without it. "
            + fix,
            library,
            ".NET runtime optional component",
            fix);
    }

    private string MuslRid() => "linux-musl-" + (_rules.Target.ArchitectureName.Length > 0 ? _rules.Target.ArchitectureName : "x64");

    private string GlibcRid() => "linux-" + (_rules.Target.ArchitectureName.Length > 0 ? _rules.Target.ArchitectureName : "x64");

    private static string ClassName(ElfClass elfClass) => elfClass switch
    {
        ElfClass.Elf64 => "64-bit",
        ElfClass.Elf32 => "32-bit",
        _ => "unknown class",
    };
}
