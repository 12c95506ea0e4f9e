using System;
using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Baselines;

/// <summary>
/// A check with a baseline (<see cref="CheckOptions.BaselineFile"/>): the file is read before anything is scanned,
/// so that a bad one stops the check with one SL1007; afterwards findings the baseline accepts become information,
/// new ones keep their severity, and each accepted entry the check no longer produces is one SL3005. With
/// <see cref="CheckOptions.UpdateBaseline"/> the file is rewritten with today's state first, so nothing that is in it
/// fails, and the entries it drops are the SL3005s.
/// </summary>
public sealed class BaselineSession
{
    private readonly string _path;
    private readonly Baseline? _previous;
    private readonly bool _update;

    private BaselineSession(string path, Baseline? previous, bool update)
    {
        _path = path;
        _previous = previous;
        _update = update;
    }

    /// <summary>Null when the options name no baseline.</summary>
    public static BaselineSession? Open(CheckOptions options, out Finding? problem)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        problem = null;
        if (string.IsNullOrWhiteSpace(options.BaselineFile))
        {
            return null;
        }

        var path = options.BaselineFile!.Trim();
        if (options.UpdateBaseline && !File.Exists(path))
        {
            return new BaselineSession(path, null, update: true);
        }

        try
        {
            if (!File.Exists(path))
            {
                problem = Problem(path, Directory.Exists(path) ? "it is a directory" : "the file does not exist", "Record one with `staticlink baseline`, or rewrite it from today's output with the update-baseline option.");
                return null;
            }

            return new BaselineSession(path, BaselineJson.ReadFile(path), options.UpdateBaseline);
        }
        catch (BaselineFormatException exception)
        {
            problem = Problem(path, exception.Message, "Fix it (docs/baseline.md describes the format), or record it again from today's output with the update-baseline option.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            problem = Problem(path, "it could not be read: " + exception.Message, "Check the path and its permissions.");
        }

        return null;
    }

    /// <summary>The report with the baseline applied (and, when updating, the file rewritten).</summary>
    public CheckReport Apply(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var baseline = _previous;
        if (_update)
        {
            baseline = Baseline.Record(report);
            try
            {
                BaselineJson.WriteFile(baseline, _path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                var findings = new List<Finding>(report.Findings)
                {
                    Problem(_path, "it could not be written: " + exception.Message, "Point the baseline at a writable file."),
                };
                return With(report, findings, new HashSet<string>(StringComparer.Ordinal));
            }
        }

        var identities = FindingIdentity.Of(report);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identity in baseline!.Findings)
        {
            accepted.Add(identity.Key);
        }

        var produced = new HashSet<string>(StringComparer.Ordinal);
        var acceptedFiles = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Finding>(report.Findings.Count);
        for (var index = 0; index < report.Findings.Count; index++)
        {
            var finding = report.Findings[index];
            var key = identities[index].Key;
            produced.Add(key);
            if (finding.Code == DiagnosticCodes.InvalidConfiguration || !accepted.Contains(key))
            {
                result.Add(finding);
                continue;
            }

            result.Add(finding with { Severity = FindingSeverity.Info, Message = finding.Message + " Accepted in the baseline " + _path + "." });
            if (finding.File is { } file)
            {
                acceptedFiles.Add(file);
            }
        }

        // Updating drops what is gone from the file; what it dropped is said once, as a check with the old file would have.
        var stale = _update ? (_previous?.Findings ?? []) : baseline.Findings;
        foreach (var identity in stale)
        {
            if (!produced.Contains(identity.Key))
            {
                result.Add(NoLongerNeeded(identity));
            }
        }

        return With(report, result, acceptedFiles);
    }

    private Finding NoLongerNeeded(FindingIdentity identity)
    {
        var what = identity.Code + (identity.Library is null ? string.Empty : " for " + identity.Library) + (identity.Subject is null ? string.Empty : " (" + identity.Subject + ")");
        var about = identity.File ?? "the output";
        // Updating has already removed the entry: that is news, not something left to do.
        var fix = _update
            ? null
            : new FindingFix(FixStep.Advice("Remove the entry, or rewrite the file from today's output with the update-baseline option, so that the baseline shrinks"));
        return new Finding(
            DiagnosticCodes.BaselineEntryNotNeeded,
            FindingSeverity.Info,
            identity.File,
            $"The baseline {_path} accepts {what} of {about}, which the check no longer reports." + (_update ? " It was removed from the file." : string.Empty),
            identity.Library,
            "baseline " + _path,
            fix);
    }

    private static Finding Problem(string path, string reason, string fix) => new(
        DiagnosticCodes.InvalidConfiguration,
        FindingSeverity.Error,
        path,
        $"The baseline file {path} cannot be used: {reason}.",
        null,
        "baseline " + path,
        new FindingFix(FixStep.Advice(fix.TrimEnd('.'))));

    /// <summary>The report with other findings, and the verdicts of the files with accepted findings recomputed from what is left.</summary>
    private static CheckReport With(CheckReport report, List<Finding> findings, HashSet<string> acceptedFiles)
    {
        var worst = new Dictionary<string, FindingSeverity>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.File is { } file && (!worst.TryGetValue(file, out var known) || finding.Severity > known))
            {
                worst[file] = finding.Severity;
            }
        }

        foreach (var file in report.Files)
        {
            if (acceptedFiles.Contains(file.Path) && file.Verdict is Verdict.Fail or Verdict.Warn)
            {
                var severity = worst.TryGetValue(file.Path, out var found) ? found : FindingSeverity.Info;
                file.Verdict = severity switch
                {
                    FindingSeverity.Error => Verdict.Fail,
                    FindingSeverity.Warning => Verdict.Warn,
                    _ => Verdict.Pass,
                };
            }
        }

        return new CheckReport
        {
            Root = report.Root,
            RuntimeIdentifier = report.RuntimeIdentifier,
            PolicyName = report.PolicyName,
            Targets = report.Targets,
            Files = report.Files,
            Findings = findings,
            PInvokeTargets = report.PInvokeTargets,
            ExaminedFileCount = report.ExaminedFileCount,
        };
    }
}
