using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace StaticLink.Cli;

/// <summary>Parses the command line (System.CommandLine) and runs the command; returns the process exit code.</summary>
internal static class CommandLine
{
    // @FILE stays a path, as it always was: a response file would turn an odd file name into someone else's arguments.
    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, TextReader.Null, output, error);

    /// <param name="args">The process arguments.</param>
    /// <param name="input">Standard input, read by --files-from -.</param>
    /// <param name="output">Standard output: the report, help and version.</param>
    /// <param name="error">Standard error: usage errors, problems and --stats.</param>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var root = StaticLinkCommand.Create(new StandardStreams(input, output, error));
        var parsed = root.Parse(args, Parser);
        var problems = new List<string>();
        if (parsed.Action is ParseErrorAction)
        {
            problems.AddRange(parsed.Errors.Select(problem => problem.Message));
        }

        // --help and --version run whatever else was written; a command's own run does not.
        if (parsed.Action is ParseErrorAction || parsed.Action == parsed.CommandResult.Command.Action)
        {
            problems.AddRange(UnknownOptions(parsed));
            problems.AddRange(FlagsWithValues(parsed, args));
        }

        if (problems.Count > 0)
        {
            return UsageError(parsed, problems, error);
        }

        // An exception is a bug: it surfaces as the runtime's crash, never as exit code 1, which means "errors found".
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Every parse error, then where the usage is; exit code 64 (EX_USAGE) so scripts can tell it from a failed check.</summary>
    private static int UsageError(ParseResult parsed, List<string> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(StaticLinkCommand.Name + ": " + problem);
        }

        var command = parsed.CommandResult.Command;
        var path = StaticLinkCommand.Name;
        if (command is not RootCommand)
        {
            path = StaticLinkCommand.Name + " " + CommandPath(parsed.CommandResult);
        }

        error.WriteLine($"Run '{path} --help' for the usage.");
        return ExitCodes.Usage;
    }

    /// <summary>
    /// Operands that look like options: System.CommandLine hands an unknown "--recursive" to a command's PATH argument,
    /// where it would be read as a file. After "--" anything is a PATH.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parsed)
    {
        var operands = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var argument in command.Command.Arguments)
            {
                if (parsed.GetResult(argument) is { } result)
                {
                    operands.UnionWith(result.Tokens);
                }
            }
        }

        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            if (token.Value.Length > 1 && token.Value[0] == '-' && operands.Contains(token))
            {
                yield return $"unknown option {token.Value} (a PATH that starts with - goes after --)";
            }
        }
    }

    /// <summary>
    /// "--stats=yes": System.CommandLine splits it, and a flag that cannot read "yes" as true or false leaves it to PATH.
    /// A flag takes no value, so the spelling with "=" is refused.
    /// </summary>
    private static IEnumerable<string> FlagsWithValues(ParseResult parsed, string[] args)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                yield break;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || arg[0] != '-')
            {
                continue;
            }

            var name = arg[..equals];
            for (var command = parsed.CommandResult; command is not null; command = command.Parent as CommandResult)
            {
                if (command.Command.Options.Any(option => option.ValueType == typeof(bool) && (option.Name == name || option.Aliases.Contains(name))))
                {
                    yield return $"option {name} does not take a value";
                    break;
                }
            }
        }
    }

    private static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult { Command: not RootCommand } parent
            ? CommandPath(parent) + " " + result.Command.Name
            : result.Command.Name;
}
