using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using StaticLink.Core.Policy;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Tasks;

/// <summary>
/// The task's inputs turned into engine options. Only what is MSBuild-specific is validated here (the PREFIX=VERSION
/// item syntax, the summary importance, a missing publish directory); the engine validates policy names, globs and
/// versions itself, so that the task and the command line report them alike.
/// </summary>
internal sealed class TaskSettings
{
    private const string PatternMetadata = TaskParameters.PatternMetadata;
    private const string ReasonMetadata = TaskParameters.ReasonMetadata;
    private const string VersionMetadata = TaskParameters.VersionMetadata;
    private const string PackageIdMetadata = TaskParameters.PackageIdMetadata;
    private const string PackageVersionMetadata = TaskParameters.PackageVersionMetadata;
    private const string RelativePathMetadata = TaskParameters.RelativePathMetadata;

    private TaskSettings(CheckOptions options, MessageImportance summaryImportance)
    {
        Options = options;
        SummaryImportance = summaryImportance;
    }

    public CheckOptions Options { get; }

    public MessageImportance SummaryImportance { get; }

    /// <summary>Returns the settings, or null after logging every problem found as SL1007.</summary>
    public static TaskSettings? Read(StaticLinkCheck task, FindingLogger logger)
    {
        var problems = new List<string>();

        var root = task.PublishDirectory.Trim();
        if (root.Length == 0)
        {
            problems.Add("The publish directory is empty. Set StaticLinkPublishDirectory, or publish with a PublishDir.");
        }
        else if (!Directory.Exists(root) && !File.Exists(root))
        {
            problems.Add($"The publish directory '{root}' does not exist. Run Publish first, or point StaticLinkPublishDirectory at an existing publish output.");
        }

        var runtimeIdentifier = task.RuntimeIdentifier.Trim();
        if (runtimeIdentifier.Length == 0)
        {
            problems.Add("The runtime identifier is empty. Publish with -r linux-x64 (or another linux-* RID).");
        }

        var importance = ParseImportance(task.SummaryImportance, problems);
        var baselineFile = BaselinePath(task, problems);
        var maxVersions = ParseVersionLimits(task.MaxVersions, problems);

        foreach (var problem in problems)
        {
            logger.LogConfigurationProblem(DiagnosticCodes.InvalidConfiguration, problem);
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var options = new CheckOptions
        {
            Root = root,
            RuntimeIdentifier = runtimeIdentifier,
            PolicyName = NullIfBlank(task.Policy),
            MaxGlibcVersion = NullIfBlank(task.MaxGlibcVersion),
            MaxVersions = maxVersions,
            Allow = LibraryRules(task.Allow),
            Deny = LibraryRules(task.Deny),
            Ignore = IgnoreRules(task.Ignore),
            RulesFile = NullIfBlank(task.RulesFile),
            InvariantGlobalization = task.InvariantGlobalization,
            Targets = SplitList(task.Targets),
            SettingNames = SettingNames.MSBuild,
            TargetFramework = NullIfBlank(task.TargetFramework),
            Container = new ContainerSettings
            {
                BuildsContainer = task.BuildsContainer,
                BaseImage = NullIfBlank(task.ContainerBaseImage),
                Family = NullIfBlank(task.ContainerFamily),
                TargetFramework = NullIfBlank(task.TargetFramework),
                SelfContained = task.SelfContained,
                PublishAot = task.PublishAot,
                PublishTrimmed = task.PublishTrimmed,
                InvariantGlobalization = task.InvariantGlobalization,
                UsesAspNetCore = task.UsesAspNetCore,
            },
            StaticIcuLinking = task.StaticIcuLinking,
            StaticOpenSslLinking = task.StaticOpenSslLinking,
            IsDotNetApp = true,
            FileOrigins = Origins(task.PublishedFiles),
            BaselineFile = baselineFile,
            UpdateBaseline = task.UpdateBaseline,

            // Listed once, here: the stamp fingerprints the listing and the scan reads the same files.
            Listing = Directory.Exists(root) ? OutputFileWalker.Walk(root) : null,
        };
        return new TaskSettings(options, importance);
    }

    /// <summary>StaticLinkBaselineFile, relative to the project directory as every path a project names.</summary>
    private static string? BaselinePath(StaticLinkCheck task, List<string> problems)
    {
        var value = NullIfBlank(task.BaselineFile);
        if (value is null)
        {
            if (task.UpdateBaseline)
            {
                problems.Add("StaticLinkUpdateBaseline is true, but StaticLinkBaselineFile is empty. Name the baseline file to write, e.g. staticlink.baseline.json.");
            }

            return null;
        }

        var projectFile = string.IsNullOrWhiteSpace(task.ProjectFile) ? task.BuildEngine?.ProjectFileOfTaskNode : task.ProjectFile;
        var projectDirectory = string.IsNullOrEmpty(projectFile) ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(projectFile));
        try
        {
            return Path.GetFullPath(Path.Combine(projectDirectory ?? string.Empty, value));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Add($"StaticLinkBaselineFile '{value}' is not a valid path: {exception.Message}");
            return null;
        }
    }

    internal static MessageImportance ParseImportance(string? value, List<string> problems)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Equals("normal", StringComparison.OrdinalIgnoreCase))
        {
            return MessageImportance.Normal;
        }

        if (text.Equals("high", StringComparison.OrdinalIgnoreCase))
        {
            return MessageImportance.High;
        }

        if (text.Equals("low", StringComparison.OrdinalIgnoreCase))
        {
            return MessageImportance.Low;
        }

        problems.Add($"StaticLinkSummaryImportance '{text}' is not one of high, normal or low.");
        return MessageImportance.Normal;
    }

    /// <summary>
    /// Accepts "GLIBC=2.28" items (a property "GLIBC=2.28;GLIBCXX=3.4.22" passed to an item parameter arrives
    /// split on ';') and items whose identity is the prefix with a Version metadata.
    /// </summary>
    internal static IReadOnlyList<VersionLimit> ParseVersionLimits(IEnumerable<ITaskItem> items, List<string> problems)
    {
        var limits = new List<VersionLimit>();
        foreach (var item in items)
        {
            var spec = item.ItemSpec.Trim();
            string prefix;
            string version;
            var equals = spec.IndexOf('=');
            if (equals >= 0)
            {
                prefix = spec.Substring(0, equals).Trim();
                version = spec.Substring(equals + 1).Trim();
            }
            else
            {
                prefix = spec;
                version = item.GetMetadata(VersionMetadata).Trim();
            }

            if (prefix.Length == 0 || version.Length == 0)
            {
                problems.Add($"StaticLinkMaxVersions entry '{spec}' is not of the form PREFIX=VERSION (for example GLIBC=2.28;GLIBCXX=3.4.22), nor a prefix with a Version metadata.");
                continue;
            }

            limits.Add(new VersionLimit(prefix, version));
        }

        return limits;
    }

    private static List<LibraryRule> LibraryRules(IEnumerable<ITaskItem> items)
    {
        var rules = new List<LibraryRule>();
        foreach (var item in items)
        {
            rules.Add(new LibraryRule(PatternOf(item), NullIfBlank(item.GetMetadata(ReasonMetadata))));
        }

        return rules;
    }

    private static List<IgnoreRule> IgnoreRules(IEnumerable<ITaskItem> items)
    {
        var rules = new List<IgnoreRule>();
        foreach (var item in items)
        {
            rules.Add(new IgnoreRule(PatternOf(item), NullIfBlank(item.GetMetadata(ReasonMetadata))));
        }

        return rules;
    }

    /// <summary>
    /// MSBuild expands a '*' in an Include against the project directory and drops the item when nothing matches, so
    /// a glob can also be given as Pattern metadata (or with '*' escaped as %2A in the Include).
    /// </summary>
    private static string PatternOf(ITaskItem item)
    {
        var pattern = item.GetMetadata(PatternMetadata);
        return string.IsNullOrWhiteSpace(pattern) ? item.ItemSpec.Trim() : pattern.Trim();
    }

    private static List<string> SplitList(string? value)
    {
        var items = new List<string>();
        foreach (var part in (value ?? string.Empty).Split(';'))
        {
            if (part.Trim().Length > 0)
            {
                items.Add(part.Trim());
            }
        }

        return items;
    }

    /// <summary>The publish items name each file's package; the runtime pack's files are the .NET runtime's.</summary>
    private static Dictionary<string, string> Origins(IEnumerable<ITaskItem> items)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var id = item.GetMetadata(PackageIdMetadata).Trim();
            var relativePath = item.GetMetadata(RelativePathMetadata).Replace('\\', '/').Trim();
            if (id.Length == 0 || relativePath.Length == 0)
            {
                continue;
            }

            var described = (id + " " + item.GetMetadata(PackageVersionMetadata).Trim()).Trim();
            origins[relativePath] = id.StartsWith("Microsoft.NETCore.App.Runtime.", StringComparison.Ordinal) || id.StartsWith("Microsoft.AspNetCore.App.Runtime.", StringComparison.Ordinal)
                ? FileOrigins.DotNetRuntimeOrigin + " (" + described + ")"
                : described;
        }

        return origins;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
