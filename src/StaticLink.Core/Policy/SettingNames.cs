namespace StaticLink.Core.Policy;

/// <summary>
/// How the front end that took the settings names each of them, so that a finding quotes the user's own words:
/// "allowed by StaticLinkMaxGlibcVersion" after an MSBuild publish, "allowed by --max-glibc" on the command line. The
/// engine never spells a setting itself; it asks here. Settings read from a rules file name themselves after the
/// file's keys ("maxVersions in rules.json"), whatever the front end.
/// </summary>
/// <param name="Target">Where the output runs (StaticLinkTarget, --target).</param>
/// <param name="Policy">An old policy name (StaticLinkPolicy, --policy).</param>
/// <param name="MaxGlibcVersion">The glibc version limit (StaticLinkMaxGlibcVersion, --max-glibc).</param>
/// <param name="MaxVersion">Other symbol version limits (StaticLinkMaxVersion items).</param>
/// <param name="Allow">Libraries allowed from the target (StaticLinkAllow items).</param>
/// <param name="Deny">Libraries denied (StaticLinkDeny items).</param>
/// <param name="Ignore">Files left out of the check (StaticLinkIgnore items).</param>
public sealed record SettingNames(string Target, string Policy, string MaxGlibcVersion, string MaxVersion, string Allow, string Deny, string Ignore)
{
    /// <summary>
    /// The MSBuild properties and items of StaticLink.Sdk: the task's names, and the default, since the gate in a
    /// publish is where most checks run.
    /// </summary>
    public static SettingNames MSBuild { get; } = new(
        "StaticLinkTarget", "StaticLinkPolicy", "StaticLinkMaxGlibcVersion", "StaticLinkMaxVersion", "StaticLinkAllow", "StaticLinkDeny", "StaticLinkIgnore");
}
