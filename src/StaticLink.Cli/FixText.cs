using System.Text.Json;
using StaticLink.Core.Json;
using StaticLink.Core.Policy;

namespace StaticLink.Cli;

/// <summary>
/// A finding's fix in the terms of the command line: options of <c>staticlink check</c> (<c>--target debian.12</c>,
/// <c>--max-glibc 2.34</c>, <c>--rid</c>), entries of the rules file (<c>"allow": ["libz.so.1"]</c>), and
/// <c>dotnet publish -p:</c> for project properties. Only what the CLI or a publish can apply.
/// </summary>
internal static class FixText
{
    private const string RulesFile = "in the rules file (--rules FILE.json)";

    /// <summary>The finding's message followed by its fix, as <c>staticlink check</c> prints it.</summary>
    public static string MessageWithFix(Finding finding)
    {
        var fix = finding.Fix is null ? string.Empty : Text(finding.Fix);
        return fix.Length == 0 ? finding.Message : finding.Message + " " + fix;
    }

    public static string Text(FindingFix fix) => fix.Text(Change);

    private static string? Change(FixStep step) => step.Kind switch
    {
        FixKind.AllowLibrary => $"\"allow\": [{Rule(step.Pattern ?? step.Library, step.Reason)}] {RulesFile}",
        FixKind.IgnoreFile => $"\"ignore\": [{Rule(step.File, step.Reason)}] {RulesFile}",
        FixKind.RaiseVersionLimit => step.Prefix == "GLIBC"
            ? "--max-glibc " + step.Version
            : $"\"maxVersions\": {{ {Quoted(step.Prefix)}: {Quoted(step.Version)} }} {RulesFile}",
        FixKind.UseTarget => "--target " + step.TargetId,
        FixKind.UseRuntimeIdentifier => $"{step.RuntimeIdentifier} (dotnet publish -r {step.RuntimeIdentifier}, then check with --rid {step.RuntimeIdentifier})",
        FixKind.SetProperty => $"-p:{step.Name}={step.Value} (dotnet publish)",
        FixKind.SetEnvironmentVariable => $"ENV {step.Name}={step.Value} (in the image)",
        FixKind.LinkStatically => $"dotnet publish -r {step.RuntimeIdentifier} -p:PublishAot=true -p:StaticExecutable=true"
            + (step.RuntimeIdentifier?.Contains("musl") == true ? string.Empty : " -p:PositionIndependentExecutable=false"),
        _ => null,
    };

    private static string Rule(string? pattern, string? reason) => reason is null
        ? Quoted(pattern)
        : $"{{ \"pattern\": {Quoted(pattern)}, \"reason\": {Quoted(reason)} }}";

    private static string Quoted(string? text) =>
        "\"" + JsonEncodedText.Encode(text ?? string.Empty, JsonRequiredEscaping.Instance).ToString() + "\"";
}
