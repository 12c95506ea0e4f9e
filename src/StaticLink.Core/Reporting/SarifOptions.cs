using System;
using System.IO;
using System.Reflection;

namespace StaticLink.Core.Reporting;

/// <summary>
/// What a SARIF log needs to know beyond the report: which directory its locations are relative to, where the help
/// pages are, and the tool's version. Each front end fills it in its own terms (the task from its properties and
/// packaged docs, the command line from its options and install directory).
/// </summary>
public sealed class SarifOptions
{
    /// <summary>
    /// The directory every artifact location is relative to, e.g. the repository root; null means the checked root.
    /// Used only when the checked root lies inside it, so a location never climbs out of its base.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Where the help pages SLxxxx.md live: an absolute URI or a local directory (the package's docs/diagnostics/).
    /// Null leaves helpUri and informationUri out: SARIF allows that, and a wrong link is worse than none.
    /// </summary>
    public string? HelpBase { get; init; }

    /// <summary>
    /// The file findings about the configuration (no file of the output) point at: the project, or the rules file.
    /// Null points them at the checked root, since code scanning wants a location on every result.
    /// </summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>The tool's version; null reads it from this assembly.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>The version the engine was built as, without the source revision ("0.1.0", not "0.1.0+5f3e...").</summary>
    public static string EngineVersion
    {
        get
        {
            var informational = typeof(SarifOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = string.IsNullOrEmpty(informational) ? typeof(SarifOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0" : informational!;
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }

    /// <summary>
    /// The base directory a CI job gives: the repository checkout of GitHub Actions ($GITHUB_WORKSPACE) or Azure
    /// Pipelines ($BUILD_SOURCESDIRECTORY), when set; null elsewhere (locations are then relative to the checked root).
    /// </summary>
    public static string? RepositoryRootFromEnvironment()
    {
        foreach (var name in new[] { "GITHUB_WORKSPACE", "BUILD_SOURCESDIRECTORY" })
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The help page of a code as an absolute URI, or null without a help base.</summary>
    public Uri? HelpUri(string code) => HelpBaseUri() is { } baseUri ? new Uri(baseUri, code + ".md") : null;

    /// <summary>The diagnostics index (README.md beside the pages), or null without a help base.</summary>
    public Uri? InformationUri() => HelpBaseUri() is { } baseUri ? new Uri(baseUri, "README.md") : null;

    private Uri? HelpBaseUri()
    {
        if (string.IsNullOrWhiteSpace(HelpBase))
        {
            return null;
        }

        var text = HelpBase!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            // A local directory (or file: URI): normalise it to a file URI of a directory, ending in '/'.
            var path = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(text);
            uri = new Uri(SarifUris.DirectoryUri(path));
        }

        var absolute = uri.AbsoluteUri;
        return absolute[absolute.Length - 1] == '/' ? uri : new Uri(absolute + "/");
    }
}
