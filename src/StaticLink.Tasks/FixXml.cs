using System.Text;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks;

/// <summary>
/// A finding's fix in the terms of a project file: <c>&lt;StaticLinkAllow Include="libz.so.1" /&gt;</c>,
/// <c>&lt;StaticLinkTarget&gt;debian.12&lt;/StaticLinkTarget&gt;</c>, <c>&lt;InvariantGlobalization&gt;true&lt;/InvariantGlobalization&gt;</c>.
/// </summary>
internal static class FixXml
{
    private static readonly char[] GlobCharacters = ['*', '?'];

    /// <summary>The finding's message followed by its fix, as the build log shows it.</summary>
    public static string MessageWithFix(Finding finding)
    {
        var fix = finding.Fix is null ? string.Empty : Text(finding.Fix);
        return fix.Length == 0 ? finding.Message : finding.Message + " " + fix;
    }

    public static string Text(FindingFix fix) => fix.Text(Change);

    private static string? Change(FixStep step) => step.Kind switch
    {
        FixKind.AllowLibrary => step.Pattern is null
            ? $"<StaticLinkAllow Include=\"{Escape(step.Library)}\" />"
            : $"<StaticLinkAllow Include=\"{Escape(step.Library)}\" Pattern=\"{Escape(step.Pattern)}\" Reason=\"{Escape(step.Reason ?? "...")}\" />"
              + (step.Pattern.IndexOfAny(GlobCharacters) >= 0 ? " (a glob goes in Pattern: MSBuild would expand a * in Include against the project folder)" : string.Empty),
        FixKind.IgnoreFile => $"<StaticLinkIgnore Include=\"{Escape(step.File)}\" Reason=\"{Escape(step.Reason ?? "...")}\" />",
        FixKind.RaiseVersionLimit => step.Prefix == "GLIBC"
            ? $"<StaticLinkMaxGlibcVersion>{Escape(step.Version)}</StaticLinkMaxGlibcVersion>"
            : $"<StaticLinkMaxVersion Include=\"{Escape(step.Prefix)}\" Version=\"{Escape(step.Version)}\" />",
        FixKind.UseTarget => $"<StaticLinkTarget>{Escape(step.TargetId)}</StaticLinkTarget>",
        FixKind.UseRuntimeIdentifier => $"{step.RuntimeIdentifier} (<RuntimeIdentifier>{Escape(step.RuntimeIdentifier)}</RuntimeIdentifier>)",
        FixKind.SetProperty => $"<{step.Name}>{Escape(step.Value)}</{step.Name}>",
        FixKind.SetEnvironmentVariable => $"<ContainerEnvironmentVariable Include=\"{Escape(step.Name)}\" Value=\"{Escape(step.Value)}\" />",
        FixKind.LinkStatically => "<StaticLinkProfile>static</StaticLinkProfile>",
        _ => null,
    };

    /// <summary>File and library names may hold &amp;, &lt; or quotes; the XML must still paste into a project.</summary>
    private static string Escape(string? text)
    {
        var escaped = new StringBuilder((text ?? string.Empty).Length);
        foreach (var character in text ?? string.Empty)
        {
            escaped.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => character.ToString(),
            });
        }

        return escaped.ToString();
    }
}
