using System.IO;

namespace StaticLink.Cli;

/// <summary>Standard input, output and error of one run: the process's, or a test's strings.</summary>
/// <param name="Input">Read by <c>inspect --files-from -</c>.</param>
/// <param name="Output">The report, help and version.</param>
/// <param name="Error">Usage errors, problems and <c>--stats</c>.</param>
internal sealed record StandardStreams(TextReader Input, TextWriter Output, TextWriter Error);
