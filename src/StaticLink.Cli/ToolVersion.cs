using System.Reflection;

namespace StaticLink.Cli;

/// <summary>What <c>staticlink --version</c> prints: the package version (StaticLinkVersion), nothing else.</summary>
internal static class ToolVersion
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ToolVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is null)
        {
            return assembly.GetName().Version?.ToString(3) ?? "unknown";
        }

        // The SDK appends "+<commit>" (SourceRevisionId); the package version has no build metadata.
        var plus = informational.IndexOf('+', System.StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
