using System;
using System.Collections.Generic;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>
/// What the .NET runtime needs of the target for the app as a whole (ICU, once, not per file), and where each
/// file came from, so that every finding names its package.
/// </summary>
public sealed partial class PolicyEvaluator
{
    /// <summary>The origin of files no package claims: the project's own build (a NativeAOT executable, the app's own libraries).</summary>
    public const string AppOrigin = "the app";

    /// <summary>
    /// SL1011: the runtime aborts at start without ICU ("Couldn't find a valid ICU package") unless the app runs in
    /// invariant mode; SL2006 when the image itself switches invariant mode on (the app then runs without culture data).
    /// </summary>
    private void CheckDotNetNeeds(OutputScan scan, List<Finding> findings)
    {
        var isApp = _rules.IsDotNetApp ?? LooksLikeDotNetApp(scan);
        // The old policies make no claim about ICU either way; only a real target (or the floor) can lack it.
        if (!isApp || Target.Kind == Targets.TargetKind.Policy || _rules.InvariantGlobalization || _rules.StaticIcuLinking || _resolved.RequiresFullyStatic
            || Target.HasLibraryStartingWith("libicuuc.so"))
        {
            return;
        }

        if (Target.SetsInvariantGlobalization)
        {
            var fix = new FindingFix(FixStep.SetProperty(
                "Set ", "InvariantGlobalization", "true", " to say so (and trim ICU's code), or use an image with ICU (the -extra variants), or install ICU in the image"));
            findings.Add(new Finding(
                DiagnosticCodes.ImageInvariantGlobalization,
                FindingSeverity.Warning,
                null,
                $"The app will run without culture data: {TargetName} has no ICU (libicuuc.so) and sets {Targets.TargetDescription.InvariantGlobalizationVariable}=true. "
                + "Dates, numbers and string comparison behave as the invariant culture, though the project does not ask for it.",
                "libicuuc.so",
                TargetName,
                fix,
                Target: Target.Id));
            return;
        }

        var icuFix = new FindingFix(
            FixStep.SetProperty("Set ", "InvariantGlobalization", "true", " if the app needs no culture data"),
            FixStep.Advice("Or use an image with ICU (e.g. an -extra variant such as mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra), or install ICU in the image (libicu / icu-libs)"),
            FixStep.SetProperty("With NativeAOT, ", "StaticICULinking", "true", " links it in"));
        findings.Add(new Finding(
            DiagnosticCodes.RuntimeNeedMissing,
            FindingSeverity.Error,
            null,
            $"The app needs ICU (libicuuc.so.*), which {TargetName} does not have, and neither the project nor the image sets invariant globalization. "
            + "The app aborts at start with \"Couldn't find a valid ICU package installed on the system\".",
            "libicuuc.so",
            TargetName,
            icuFix,
            Target: Target.Id));
    }

    /// <summary>Managed assemblies, the runtime's own library, or an executable that names ICU (NativeAOT) show a .NET app.</summary>
    private static bool LooksLikeDotNetApp(OutputScan scan)
    {
        if (scan.Assemblies.Count > 0)
        {
            return true;
        }

        foreach (var file in scan.Files)
        {
            if (file.FileName == "libcoreclr.so")
            {
                return true;
            }

            foreach (var candidate in file.RuntimeLoadCandidates)
            {
                if (DotNetRuntimeKnowledge.IsIcu(candidate) && file.Elf?.Type == Elf.ElfFileType.Executable)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"SQLitePCLRaw.lib.e_sqlite3 3.53.3", "the .NET runtime (...)", or "the app"; a bundle's files are the host's.</summary>
    private string OriginOf(string relativePath) => FileOrigins.Find(_rules.FileOrigins, relativePath) ?? AppOrigin;

    /// <summary>"A. B." becomes "A. It comes from P. B.".</summary>
    private static string WithPackage(string message, string package)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = "It comes from " + package + ".";
        return end < 0 ? message + " " + sentence : message.Insert(end + 2, sentence + " ");
    }

    /// <summary>Every finding about a file gets its package, in the data and in the message's first words.</summary>
    private List<Finding> Attributed(List<Finding> findings)
    {
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            if (finding.File is null)
            {
                result.Add(finding);
                continue;
            }

            var package = OriginOf(finding.File);
            // The app's own files need no "it comes from the app" in every message; the data still says it. The
            // package follows the first sentence, which stays short: what, in which file, needing which library.
            var message = package == AppOrigin ? finding.Message : WithPackage(finding.Message, package);
            result.Add(finding with { Message = message, Package = package });
        }

        return result;
    }
}
