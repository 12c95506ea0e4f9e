namespace StaticLink.Core.Policy;

/// <summary>
/// One result of a check: plain data that the MSBuild task logs, the CLI prints and every report format renders.
/// </summary>
/// <param name="Code">Stable code, e.g. SL1001 (see <see cref="DiagnosticCodes"/>).</param>
/// <param name="Severity">Error, warning or information.</param>
/// <param name="File">The file the finding is about, relative to the scanned root; null for findings about the configuration.</param>
/// <param name="Message">What is wrong, in which file, needing which library (the first sentence, about 150 characters), then the
/// details; not the fix, which each front end writes after it in its own terms.</param>
/// <param name="Library">The shared library concerned, when there is one.</param>
/// <param name="Rule">The policy or user rule that decided, e.g. "musl-portable (linux-musl-x64)".</param>
/// <param name="Fix">How to fix it, as data (allow a library, ignore a file, another target, ...): the task renders it as MSBuild XML, the CLI as options or rules-file JSON.</param>
/// <param name="Package">Where the file came from: "SQLitePCLRaw.lib.e_sqlite3 3.53.3", "the .NET runtime", "the app"; null for configuration findings.</param>
/// <param name="Target">The id of the target the finding is about; null when it holds whatever the target.</param>
public sealed record Finding(
    string Code,
    FindingSeverity Severity,
    string? File,
    string Message,
    string? Library = null,
    string? Rule = null,
    FindingFix? Fix = null,
    string? Package = null,
    string? Target = null);
