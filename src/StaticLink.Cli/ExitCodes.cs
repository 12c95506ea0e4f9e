namespace StaticLink.Cli;

/// <summary>The process exit codes of <c>staticlink</c>; scripts and CI depend on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>check: the policy found errors.</summary>
    public const int Violations = 1;

    /// <summary>inspect: some file could not be read. check: the root could not be read.</summary>
    public const int Unreadable = 2;

    /// <summary>The command line itself is wrong (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;
}
