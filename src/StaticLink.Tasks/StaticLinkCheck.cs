using StaticLink.Core.Baselines;
using StaticLink.Core;
using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Targets;

namespace StaticLink.Tasks;

/// <summary>
/// Checks the native files of a publish directory against the policy of its runtime identifier and logs each
/// finding as an MSBuild error, warning or message with its stable code. The engine does the work; this task only
/// turns properties and items into <see cref="CheckOptions"/> and findings into log entries.
/// </summary>
public sealed class StaticLinkCheck : Task, ICancelableTask
{
#if NET
    private volatile EngineProcessClient? _engineProcess;
#endif

    /// <summary>The directory to check, normally $(PublishDir).</summary>
    [Required]
    public string PublishDirectory { get; set; } = string.Empty;

    /// <summary>The runtime identifier the output was published for, e.g. linux-musl-x64.</summary>
    [Required]
    public string RuntimeIdentifier { get; set; } = string.Empty;

    /// <summary>The old policy names (glibc-portable, musl-portable, static), kept as targets; used when no target is named.</summary>
    public string? Policy { get; set; }

    /// <summary>
    /// Where the output will run, several separated by ';' (all must pass): built-in targets, target files, root
    /// filesystems or image archives. Empty: the container base image when the project builds one, else .NET's floor.
    /// </summary>
    public string? Targets { get; set; }

    /// <summary>The TFM, e.g. net10.0: it decides .NET's floor and the container tag.</summary>
    public string? TargetFramework { get; set; }

    /// <summary>The project builds a container with the SDK (PublishContainer, EnableSdkContainerSupport, a container property).</summary>
    public bool BuildsContainer { get; set; }

    /// <summary>ContainerBaseImage.</summary>
    public string? ContainerBaseImage { get; set; }

    /// <summary>ContainerFamily.</summary>
    public string? ContainerFamily { get; set; }

    public bool SelfContained { get; set; }

    public bool PublishAot { get; set; }

    public bool PublishTrimmed { get; set; }

    /// <summary>The project references Microsoft.AspNetCore.App.</summary>
    public bool UsesAspNetCore { get; set; }

    /// <summary>StaticICULinking: ICU is linked into the NativeAOT executable.</summary>
    public bool StaticIcuLinking { get; set; }

    /// <summary>StaticOpenSslLinking: OpenSSL is linked into the NativeAOT executable.</summary>
    public bool StaticOpenSslLinking { get; set; }

    /// <summary>The publish items (ResolvedFileToPublish): RelativePath with NuGetPackageId and NuGetPackageVersion say where each file came from.</summary>
    public ITaskItem[] PublishedFiles { get; set; } = [];

    /// <summary>Shorthand for a GLIBC limit, e.g. 2.28.</summary>
    public string? MaxGlibcVersion { get; set; }

    /// <summary>
    /// Newest symbol version per prefix: items "GLIBC=2.28" (what a property "GLIBC=2.28;GLIBCXX=3.4.22" becomes),
    /// or items whose identity is the prefix and whose Version metadata is the limit.
    /// </summary>
    public ITaskItem[] MaxVersions { get; set; } = [];

    /// <summary>Soname globs that may be needed from the system; optional Reason metadata.</summary>
    public ITaskItem[] Allow { get; set; } = [];

    /// <summary>Soname globs that must never be needed; optional Reason metadata.</summary>
    public ITaskItem[] Deny { get; set; } = [];

    /// <summary>Globs on files of the output to leave out of the check; optional Reason metadata.</summary>
    public ITaskItem[] Ignore { get; set; } = [];

    /// <summary>A JSON rules file (policy, maxVersions, allow, deny, ignore), the same the command line reads.</summary>
    public string? RulesFile { get; set; }

    /// <summary>The app is published with InvariantGlobalization, so ICU's dlopen candidates are not reported.</summary>
    public bool InvariantGlobalization { get; set; }

    /// <summary>A baseline file (docs/baseline.md); relative to the project directory. Findings it accepts become messages.</summary>
    public string? BaselineFile { get; set; }

    /// <summary>Rewrite <see cref="BaselineFile"/> with today's state, then apply it.</summary>
    public bool UpdateBaseline { get; set; }

    /// <summary>Where to write the JSON report; empty writes none.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Where to write the SARIF 2.1.0 log for code scanning; empty writes none.</summary>
    public string? SarifPath { get; set; }

    /// <summary>
    /// A job summary to append the Markdown report to, normally $(GITHUB_STEP_SUMMARY), which GitHub Actions sets;
    /// empty appends nothing.
    /// </summary>
    public string? StepSummaryPath { get; set; }

    /// <summary>high, normal or low: the importance of the summary table and the report path message.</summary>
    public string? SummaryImportance { get; set; }

    /// <summary>The project being published: configuration errors point at it. Defaults to the file that runs the task.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Prefix of each code's help page; the link is this value followed by the code and ".md".</summary>
    public string? HelpLinkBase { get; set; }

    /// <summary>
    /// Where the fingerprint of the last check that logged no error is kept (see <see cref="CheckStamp"/>): while it
    /// matches, the check is skipped. Empty: the check always runs.
    /// </summary>
    public string? StampFile { get; set; }

    /// <summary>
    /// Check in the engine process (the task compiled ahead of time, see <see cref="EngineProcessClient"/>) where the
    /// package has one for this machine; false checks inside MSBuild. The findings are the same either way.
    /// </summary>
    public bool UseEngineProcess { get; set; } = true;

    /// <summary>The full path of the JSON report written, or empty when none was written.</summary>
    [Output]
    public string ReportFile { get; private set; } = string.Empty;

    /// <summary>True when the check logged at least one error.</summary>
    [Output]
    public bool HasErrors { get; private set; }

    /// <summary>The engine process to use instead of the package's (tests); null: the package's.</summary>
    internal string? EngineProcessProgram { get; set; }

    /// <summary>In the engine process, the files of the task in MSBuild that started it (<see cref="AssemblyFiles.TaskCode"/>).</summary>
    internal string[]? CodeFiles { get; set; }

    /// <summary>This task is the engine process's: it checks itself.</summary>
    internal bool RunsInEngineProcess { get; set; }

    /// <summary>In the engine process, the stamp of a check that logged warnings but no error, for the task in MSBuild to save.</summary>
    internal CheckStamp? DeferredStamp { get; private set; }

    public override bool Execute()
    {
#if NET
        _engineProcess = UseEngineProcess && !RunsInEngineProcess ? EngineProcessClient.For(EngineProcessProgram) : null;

        // Without a stamp nothing is up to date, and the whole check goes to the engine process. With one, this
        // process compares the fingerprint first (Check): about 16 ms in a fresh MSBuild, where the same answer through
        // the engine process took about 30, most of it starting a first process from MSBuild.
        if (_engineProcess is { } engineProcess && !HasStamp())
        {
            if (CheckedInEngineProcess(engineProcess))
            {
                HasErrors = Log.HasLoggedErrors;
                return !HasErrors;
            }

            if (engineProcess.Canceled)
            {
                return false;
            }
        }
#endif

        return CheckHere();
    }

#if NET
    /// <summary>True when the engine process checked the output and its diagnostics are logged; false when it could not, and nothing is logged but why.</summary>
    private bool CheckedInEngineProcess(EngineProcessClient engineProcess)
    {
        var failure = engineProcess.Run(this, Log);
        if (failure is not null && engineProcess.Canceled)
        {
            Log.LogMessage(MessageImportance.Low, "StaticLink: the build was canceled, so the check stopped.");
            return false;
        }

        if (failure is not null)
        {
            Log.LogMessage(MessageImportance.Low, $"StaticLink: the engine process {engineProcess.Program} did not check the output ({failure}), so MSBuild's process checks it.");
            _engineProcess = null;
            return false;
        }

        ReportFile = engineProcess.ReportFile ?? string.Empty;
        if (engineProcess.Stamp is { } stamp && !Log.HasLoggedErrors)
        {
            SaveStamp(stamp);
        }

        Log.LogMessage(MessageImportance.Low, $"StaticLink: checked by the engine process {engineProcess.Program}.");
        return true;
    }

    private bool HasStamp() => !string.IsNullOrWhiteSpace(StampFile) && File.Exists(StampFile);
#endif

    /// <summary>
    /// The check in this process: inside MSBuild (up to the stamp's comparison only, when there is an engine process),
    /// or inside the engine process.
    /// </summary>
    private bool CheckHere()
    {
        // Which RIDs are checked is the engine's parser's decision, the same one the command line uses.
        if (RuntimeIdentifierInfo.Parse(RuntimeIdentifier).SkipReason is { } skipped)
        {
            Log.LogMessage(MessageImportance.High, $"StaticLink: {skipped}; the publish is not checked.");
            return true;
        }

        var logger = new FindingLogger(
            Log,
            PublishDirectory,
            HelpLinkBase,
            string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var settings = TaskSettings.Read(this, logger);
        if (settings is not null)
        {
            Check(settings, logger);
        }

        HasErrors = Log.HasLoggedErrors;
        return !Log.HasLoggedErrors;
    }

    private void Check(TaskSettings settings, FindingLogger logger)
    {
        // Fingerprinted before the scan: a file that changes while it is read differs from the stamp next time.
        var stamp = CheckStamp.For(this, settings);
        var reportFile = string.IsNullOrWhiteSpace(ReportPath) ? null : Path.GetFullPath(ReportPath);
        if (stamp is not null && stamp.IsUpToDate(reportFile, string.IsNullOrWhiteSpace(SarifPath) ? null : Path.GetFullPath(SarifPath)))
        {
            ReportFile = reportFile ?? string.Empty;
            Log.LogMessage(settings.SummaryImportance, "StaticLink: up to date, the publish output and the settings are unchanged since the last successful check." + (reportFile is null ? string.Empty : " Report: " + reportFile));
            return;
        }

#if NET
        // A stamp that no longer matches: the check itself goes to the engine process, which fingerprints again.
        if (_engineProcess is { } engineProcess && (CheckedInEngineProcess(engineProcess) || engineProcess.Canceled))
        {
            return;
        }
#endif

        var report = RunEngine(settings.Options, logger);
        if (report is null)
        {
            return;
        }

        Publish(report, reportFile, settings.SummaryImportance, logger);
        if (stamp is not null && !Log.HasLoggedErrors)
        {
            // Only MSBuild knows whether a warning becomes an error (WarningsAsErrors), which must leave the stamp
            // as it was: after a warning the engine process leaves the stamp to the task in MSBuild.
            if (BuildEngine is ForwardingBuildEngine { HasForwardedWarnings: true })
            {
                DeferredStamp = stamp;
            }
            else
            {
                SaveStamp(stamp);
            }
        }
    }

    /// <summary>Stops the engine process of a canceled build; a check inside MSBuild runs to its end, which is short.</summary>
    public void Cancel()
    {
#if NET
        _engineProcess?.Cancel();
#endif
    }

    private void SaveStamp(CheckStamp stamp)
    {
        if (!stamp.Save())
        {
            Log.LogMessage(MessageImportance.Low, $"StaticLink: the stamp '{StampFile}' could not be written, so the next publish checks again.");
        }
    }

    private static CheckReport? RunEngine(CheckOptions options, FindingLogger logger)
    {
        // The engine turns bad files and bad settings into findings itself; these catches are the last line of
        // defence so that a surprise in the file system still ends as a coded error, not a stack trace.
        try
        {
            return BaselinedCheck.Run(options);
        }
        catch (ElfFormatException exception)
        {
            logger.LogConfigurationProblem(DiagnosticCodes.UnreadableFile, $"A native file of '{options.Root}' could not be read: {exception.Message}.");
        }
        catch (IOException exception)
        {
            logger.LogConfigurationProblem(DiagnosticCodes.UnreadableFile, $"'{options.Root}' could not be read: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            logger.LogConfigurationProblem(DiagnosticCodes.UnreadableFile, $"'{options.Root}' could not be read: {exception.Message}");
        }
        catch (FormatException exception)
        {
            logger.LogConfigurationProblem(DiagnosticCodes.InvalidConfiguration, $"A StaticLink setting is malformed: {exception.Message}");
        }

        return null;
    }

    /// <summary>Logs the findings and the summary, and writes the views and the JSON report (to <paramref name="reportFile"/>, when set).</summary>
    private void Publish(CheckReport report, string? reportFile, MessageImportance importance, FindingLogger logger)
    {
        // The JSON report is written on another core while the findings and the summary are logged (both only read
        // the finished report): the two took 2 and 2.5 ms one after the other in a publish.
        var writing = reportFile is null ? null : System.Threading.Tasks.Task.Run(() => WriteFailure(() => JsonReport.WriteFile(report, reportFile)));

        foreach (var finding in FindingGroups.Collapse(report.Findings))
        {
            logger.Log(finding);
        }

        Log.LogMessage(importance, string.Join(Environment.NewLine, TextSummary.Lines(report)));
        PublishViews(report, importance, logger);

        // One line at the default verbosity, so a passing publish shows that the gate ran and against what.
        Log.LogMessage(MessageImportance.High, TextSummary.VerdictLine(report) + (reportFile is null ? string.Empty : " Report: " + reportFile));
        if (writing is null || reportFile is null)
        {
            return;
        }

        var failure = writing.GetAwaiter().GetResult();
        if (failure is not null)
        {
            LogWriteFailure(logger, reportFile, "StaticLinkReportPath", "report", failure);
            return;
        }

        ReportFile = reportFile;
        Log.LogMessage(importance, $"StaticLink report: {reportFile}");
    }

    /// <summary>The SARIF log and the job summary: views of the same report for code scanning and for people.</summary>
    private void PublishViews(CheckReport report, MessageImportance importance, FindingLogger logger)
    {
        if (!string.IsNullOrWhiteSpace(SarifPath))
        {
            var sarifFile = Path.GetFullPath(SarifPath);
            var options = new SarifOptions
            {
                BaseDirectory = SarifOptions.RepositoryRootFromEnvironment(),
                HelpBase = HelpLinkBase,
                ConfigurationFile = string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile,
            };
            if (TryWrite(logger, sarifFile, "StaticLinkSarifPath", "SARIF log", () => SarifReport.WriteFile(report, sarifFile, options)))
            {
                Log.LogMessage(importance, $"StaticLink SARIF log: {sarifFile}");
            }
        }

        if (!string.IsNullOrWhiteSpace(StepSummaryPath))
        {
            var summaryFile = Path.GetFullPath(StepSummaryPath);
            var project = string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile;
            var title = string.IsNullOrWhiteSpace(project) ? null : Path.GetFileNameWithoutExtension(project) + " (" + report.RuntimeIdentifier + ")";
            if (TryWrite(logger, summaryFile, "GITHUB_STEP_SUMMARY", "job summary", () => StepSummaryFile.Append(summaryFile, MarkdownReport.ToMarkdown(report, title) + "\n")))
            {
                Log.LogMessage(importance, $"StaticLink job summary appended to {summaryFile}");
            }
        }
    }

    private static bool TryWrite(FindingLogger logger, string file, string setting, string what, Action write)
    {
        var failure = WriteFailure(write);
        if (failure is not null)
        {
            LogWriteFailure(logger, file, setting, what, failure);
        }

        return failure is null;
    }

    /// <summary>Runs <paramref name="write"/>; the exception that says the file could not be written, or null.</summary>
    private static Exception? WriteFailure(Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return exception;
        }
    }

    private static void LogWriteFailure(FindingLogger logger, string file, string setting, string what, Exception exception) =>
        logger.LogConfigurationProblem(
            DiagnosticCodes.InvalidConfiguration,
            $"The {what} could not be written to '{file}': {exception.Message} Set {setting} to a writable file path.");
}
