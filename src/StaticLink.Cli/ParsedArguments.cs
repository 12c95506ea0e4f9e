using System;
using System.Collections.Generic;

namespace StaticLink.Cli;

/// <summary>
/// A command's arguments split into options and operands. Options are long only (<c>--name value</c> or
/// <c>--name=value</c>); <c>--</c> ends them; a lone <c>-</c> is an operand. Anything unknown or repeated is a usage error.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _operands = [];

    private ParsedArguments()
    {
    }

    public IReadOnlyList<string> Operands => _operands;

    public bool HasFlag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _repeated.TryGetValue(name, out var values) ? values : [];

    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    /// <param name="args">The arguments after the command name.</param>
    /// <param name="valueOptions">Options that take a value, e.g. --format.</param>
    /// <param name="flagOptions">Options that stand alone, e.g. --help.</param>
    /// <param name="repeatableOptions">Value options that may be given more than once, e.g. --target.</param>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions, IReadOnlyCollection<string>? repeatableOptions = null)
    {
        var parsed = new ParsedArguments();
        var onlyOperands = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyOperands || arg == "-" || !arg.StartsWith('-'))
            {
                parsed._operands.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyOperands = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var inlineValue = equals < 0 ? null : arg[(equals + 1)..];
            if (name == "-h")
            {
                name = "--help";
            }

            if (Contains(flagOptions, name))
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option {name} does not take a value");
                }

                if (!parsed._flags.Add(name))
                {
                    throw new UsageException($"option {name} is given more than once");
                }
            }
            else if (Contains(valueOptions, name))
            {
                string value;
                if (inlineValue is not null)
                {
                    value = inlineValue;
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"option {name} needs a value");
                }

                if (repeatableOptions is not null && Contains(repeatableOptions, name))
                {
                    if (!parsed._repeated.TryGetValue(name, out var list))
                    {
                        list = [];
                        parsed._repeated.Add(name, list);
                    }

                    list.Add(value);
                    continue;
                }

                if (parsed._values.ContainsKey(name))
                {
                    throw new UsageException($"option {name} is given more than once");
                }

                parsed._values.Add(name, value);
            }
            else
            {
                throw new UsageException($"unknown option {name}");
            }
        }

        return parsed;
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }
}
