using System.Collections.Generic;

namespace StaticLink.Cli;

/// <summary>What <c>staticlink inspect</c> was given, parsed and validated (<see cref="InspectCommand.Create"/>).</summary>
internal sealed record InspectArguments(OutputFormat Format, string? FilesFrom, IReadOnlyList<string> Paths, bool Stats);
