using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticLink.Core.Bundles;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks;

/// <summary>
/// Logs findings in MSBuild's standard diagnostic format: "FILE : error SL1001: message", with the code as help
/// keyword and the code's help page as help link. Findings about a file point at the file of the publish output;
/// findings about the configuration point at the project.
/// </summary>
internal sealed class FindingLogger
{
    private readonly TaskLoggingHelper _log;
    private readonly string _root;
    private readonly string? _helpLinkBase;
    private readonly string _projectFile;

    public FindingLogger(TaskLoggingHelper log, string root, string? helpLinkBase, string? projectFile)
    {
        _log = log;
        _root = root;
        _helpLinkBase = string.IsNullOrWhiteSpace(helpLinkBase) ? null : helpLinkBase;
        _projectFile = projectFile ?? string.Empty;
    }

    public void Log(Finding finding)
    {
        var file = FileOf(finding);
        var helpLink = HelpLink(finding.Code);
        var message = FixXml.MessageWithFix(finding);
        switch (finding.Severity)
        {
            case FindingSeverity.Error:
                _log.LogError(null, finding.Code, finding.Code, helpLink, file, 0, 0, 0, 0, message);
                break;
            case FindingSeverity.Warning:
                _log.LogWarning(null, finding.Code, finding.Code, helpLink, file, 0, 0, 0, 0, message);
                break;
            default:
                _log.LogMessage(null, finding.Code, finding.Code, file, 0, 0, 0, 0, MessageImportance.Normal, message);
                break;
        }
    }

    /// <summary>Logs an error that no finding carries: bad settings or a failure around the engine.</summary>
    public void LogConfigurationProblem(string code, string message) =>
        _log.LogError(null, code, code, HelpLink(code), _projectFile, 0, 0, 0, 0, message);

    internal string? HelpLink(string code) => _helpLinkBase is null ? null : _helpLinkBase + code + ".md";

    private string FileOf(Finding finding)
    {
        if (string.IsNullOrEmpty(finding.File))
        {
            return _projectFile;
        }

        try
        {
            // An entry embedded in a single-file bundle is reported against its host, the file that exists on disk.
            return Path.GetFullPath(Path.Combine(_root, BundleNames.HostPath(finding.File!)));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A name the host cannot express as a path still deserves its diagnostic, just unresolved.
            return finding.File!;
        }
    }
}
