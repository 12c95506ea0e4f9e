namespace StaticLink.Core.Policy;

/// <summary>
/// One result of a check: plain data that the MSBuild task logs, the CLI prints and every report format renders.
/// </summary>
/// <param name="Code">Stable code, e.g. SL1001 (see <see cref="DiagnosticCodes"/>).</param>
/// <param name="Severity">Error, warning or information.</param>
/// <param name="File">The file the finding is about, relative to the scanned root; null for findings about the configuration.</param>
/// <param name="Message">The whole message: the file, the library, the rule, and the fix.</param>
/// <param name="Library">The shared library concerned, when there is one.</param>
/// <param name="Rule">The policy or user rule that decided, e.g. "musl-portable (linux-musl-x64)".</param>
/// <param name="Fix">The fix-it hint on its own, also contained in the message.</param>
/// <param name="Package">Where the file came from: "SQLitePCLRaw.lib.e_sqlite3 3.53.3", "the .NET runtime", "the app"; null for configuration findings.</param>
/// <param name="Target">The id of the target the finding is about; null when it holds whatever the target.</param>
public sealed record Finding(
    string Code,
    FindingSeverity Severity,
    string? File,
    string Message,
    string? Library = null,
    string? Rule = null,
    string? Fix = null,
    string? Package = null,
    string? Target = null);
