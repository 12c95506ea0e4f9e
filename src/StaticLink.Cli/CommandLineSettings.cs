using StaticLink.Core.Policy;

namespace StaticLink.Cli;

/// <summary>
/// The command line's names for the settings, quoted in findings (<see cref="SettingNames"/>). Limits, allow, deny
/// and ignore rules beyond --max-glibc come only from the rules file here, which names them after its own keys.
/// </summary>
internal static class CommandLineSettings
{
    public static SettingNames Names { get; } = new(
        Target: "--target",
        Policy: "--policy",
        MaxGlibcVersion: "--max-glibc",
        MaxVersion: "maxVersions (--rules)",
        Allow: "allow (--rules)",
        Deny: "deny (--rules)",
        Ignore: "ignore (--rules)");
}
