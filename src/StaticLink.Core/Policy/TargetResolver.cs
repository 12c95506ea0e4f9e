using System;
using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>
/// Turns what the user wrote (StaticLinkTarget, --target, the old StaticLinkPolicy) or left unset into the targets a
/// check runs against. One place decides the default: a named target, else the SDK's container base image when the
/// project builds a container, else .NET's floor. A name that resolves to nothing is SL1007 and the check stops.
/// </summary>
public static class TargetResolver
{
    /// <summary>Every target to check against (all must pass); problems get one SL1007 each.</summary>
    /// <param name="names">Named targets: catalogue names, policy names, target files, root filesystems or image archives.</param>
    /// <param name="setting">How the names were given, for messages: StaticLinkTarget or --target.</param>
    /// <param name="policyName">The old StaticLinkPolicy / --policy, used when no target is named.</param>
    /// <param name="policySetting">Where the policy name came from, for messages.</param>
    public static List<ResolvedTarget> Resolve(
        IReadOnlyList<string> names,
        string setting,
        string? policyName,
        string policySetting,
        RuntimeIdentifierInfo rid,
        string? targetFramework,
        ContainerSettings? container,
        List<Finding> problems)
    {
        if (names is null)
        {
            throw new ArgumentNullException(nameof(names));
        }

        if (rid is null)
        {
            throw new ArgumentNullException(nameof(rid));
        }

        if (problems is null)
        {
            throw new ArgumentNullException(nameof(problems));
        }

        var targets = new List<ResolvedTarget>();
        foreach (var raw in names)
        {
            var name = (raw ?? string.Empty).Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (ResolveNamed(name, setting, rid, targetFramework, problems) is { } target)
            {
                targets.Add(target);
            }
        }

        if (targets.Count > 0 || HasProblem(problems, setting))
        {
            return targets;
        }

        if (!string.IsNullOrWhiteSpace(policyName))
        {
            var policy = PolicyTargets.Create(policyName!.Trim().ToLowerInvariant(), rid, TargetOrigin.Named, policySetting);
            if (policy is null)
            {
                var invalid = RuleSetBuilder.InvalidPolicy(policyName, policySetting)!;
                problems.Add(Problem(policySetting, invalid.Message, invalid.Fix));
                return targets;
            }

            targets.Add(policy);
            return targets;
        }

        targets.Add(DefaultTarget(rid, targetFramework, container));
        return targets;
    }

    /// <summary>The SDK's base image when the project builds a container and the image is catalogued; else .NET's floor.</summary>
    public static ResolvedTarget DefaultTarget(RuntimeIdentifierInfo rid, string? targetFramework, ContainerSettings? container)
    {
        if (rid is null)
        {
            throw new ArgumentNullException(nameof(rid));
        }

        var floor = DotNetFloor.For(targetFramework, rid);
        if (container is { BuildsContainer: true })
        {
            var image = SdkBaseImage.Compute(container, rid);
            if (image is not null)
            {
                var how = string.IsNullOrWhiteSpace(container.BaseImage) ? "the base image the SDK picks for this project" : "ContainerBaseImage";
                if (TargetCatalogue.Find(image, rid.ArchitectureName) is { } entry)
                {
                    return new ResolvedTarget(entry, TargetOrigin.ContainerSettings, $"{how}, from the container settings");
                }

                return new ResolvedTarget(floor, TargetOrigin.DotNetFloor, $"{how} ({image}) is not in the catalogue, so .NET's floor; name it with StaticLinkTarget (a root filesystem or a target file)");
            }
        }

        return new ResolvedTarget(floor, TargetOrigin.DotNetFloor, "no target named, so .NET's floor for the TFM and RID");
    }

    private static ResolvedTarget? ResolveNamed(string name, string setting, RuntimeIdentifierInfo rid, string? targetFramework, List<Finding> problems)
    {
        var lower = name.ToLowerInvariant();
        if (BuiltInPolicies.IsKnown(lower))
        {
            return PolicyTargets.Create(lower, rid, TargetOrigin.Named, setting);
        }

        if (lower == DotNetFloor.IdPrefix)
        {
            return new ResolvedTarget(DotNetFloor.For(targetFramework, rid), TargetOrigin.Named, setting);
        }

        if (TargetCatalogue.Find(name, rid.ArchitectureName) is { } entry)
        {
            return new ResolvedTarget(entry, TargetOrigin.Named, setting);
        }

        if (TargetCatalogue.IsKnownName(name))
        {
            problems.Add(Problem(
                setting,
                $"{setting} '{name}' has no {rid.ArchitectureName} entry in the catalogue (it has {string.Join(", ", TargetCatalogue.Architectures(name))}), so the {rid.RuntimeIdentifier} output cannot be checked against it.",
                "Name a target that exists for this architecture, a root filesystem of it, or a target file (staticlink target capture)."));
            return null;
        }

        try
        {
            if (Directory.Exists(name) || (File.Exists(name) && !name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
#if NET8_0_OR_GREATER
                // Named as the user wrote it: a root's folder name alone ("root", "rootfs") says nothing.
                var id = name;
                var captured = Directory.Exists(name)
                    ? TargetCapture.CaptureWithNotes(name, id, TargetKind.RootFilesystem, rid.ArchitectureName)
                    : TargetCapture.CaptureImage(name, id, TargetKind.Image, rid.ArchitectureName);
                return new ResolvedTarget(captured.Target, TargetOrigin.Named, setting + " (" + (Directory.Exists(name) ? "root filesystem " : "image archive ") + name + ")");
#else
                throw new TargetFileException("reading a root filesystem or image archive needs the .NET SDK's MSBuild (the net8.0+ task); capture it with staticlink target capture and name the target file instead");
#endif
            }

            if (File.Exists(name))
            {
                return new ResolvedTarget(TargetFile.Load(name, TargetCatalogue.MuslSymbols), TargetOrigin.Named, setting + " (target file " + name + ")");
            }
        }
#if NET8_0_OR_GREATER
        catch (TargetCaptureException exception)
        {
            problems.Add(Problem(setting, $"{setting} '{name}' cannot be read as a root filesystem or image: {exception.Message}.", "Point it at an unpacked root filesystem, a docker save / OCI archive, or a target file."));
            return null;
        }
#endif
        catch (TargetFileException exception)
        {
            problems.Add(Problem(setting, $"{setting} '{name}' cannot be used: {exception.Message}.", "Fix the target file (docs/target-file.md), or capture it again with staticlink target capture ROOT -o FILE."));
            return null;
        }

        problems.Add(Problem(setting, NotATarget(name, setting), NotATargetFix()));
        return null;
    }

    /// <summary>
    /// Null when a name can stand for a target (a policy, .NET's floor, a catalogue entry of any architecture, an
    /// existing file or directory); else why not and what to write instead. The command line refuses such a name as
    /// a usage error before anything is read; what the name holds is still checked when it is resolved.
    /// </summary>
    public static string? Unrecognized(string name, string setting, string architectureName)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return $"{setting} needs a non-empty value.";
        }

        var lower = trimmed.ToLowerInvariant();
        var known = BuiltInPolicies.IsKnown(lower)
            || lower == DotNetFloor.IdPrefix
            || Directory.Exists(trimmed)
            || File.Exists(trimmed)
            || TargetCatalogue.Find(trimmed, architectureName ?? string.Empty) is not null
            || TargetCatalogue.IsKnownName(trimmed);
        return known ? null : NotATarget(trimmed, setting) + " " + NotATargetFix();
    }

    private static string NotATarget(string name, string setting) => $"{setting} '{name}' is not a built-in target, a target file or a directory.";

    private static string NotATargetFix() =>
        $"Use a built-in target (e.g. {Examples()}; the list: docs/targets.md), a policy ({string.Join(", ", BuiltInPolicies.Names)}), {DotNetFloor.IdPrefix}, a target file, or a root filesystem directory.";

    private static string Examples() => "debian.12, rhel.8, alpine.3.20, mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled, gcr.io/distroless/cc-debian12, scratch";

    private static bool HasProblem(List<Finding> problems, string setting)
    {
        foreach (var problem in problems)
        {
            if (problem.Rule == setting)
            {
                return true;
            }
        }

        return false;
    }

    private static Finding Problem(string setting, string message, string fix) =>
        new(DiagnosticCodes.InvalidConfiguration, FindingSeverity.Error, null, message, null, setting, new FindingFix(FixStep.Advice(fix.TrimEnd('.'))));
}
