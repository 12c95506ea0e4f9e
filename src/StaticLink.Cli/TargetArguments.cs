using System;
using System.Collections.Generic;
using StaticLink.Core.Targets;

namespace StaticLink.Cli;

/// <summary>
/// <c>staticlink target capture ROOT|IMAGE.tar [-o FILE] [--id ID] [--kind K] [--title T] [--source S] [--arch A]
/// [--alias NAME]... [--env NAME=VALUE]...</c>. Its own parser because --alias and --env repeat, which the shared
/// parser rightly refuses for every other option.
/// </summary>
internal sealed class TargetArguments
{
    private static readonly string[] SingleValueOptions = ["-o", "--output", "--id", "--kind", "--title", "--source", "--arch"];

    public bool Help { get; private init; }

    /// <summary>A root filesystem directory, or a docker-save / OCI layout tar.</summary>
    public string Input { get; private init; } = string.Empty;

    public string? OutputPath { get; private init; }

    public string? Id { get; private init; }

    public TargetKind? Kind { get; private init; }

    public string? Title { get; private init; }

    public string? Source { get; private init; }

    public string? ArchitectureName { get; private init; }

    public IReadOnlyList<string> Aliases { get; private init; } = [];

    /// <summary>Variables the image sets, for a root built from packages that stands for an image (--env NAME=VALUE).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; private init; } = [];

    public static TargetArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("target needs a subcommand: capture");
        }

        if (args[0] is "--help" or "-h" or "help")
        {
            return new TargetArguments { Help = true };
        }

        if (args[0] != "capture")
        {
            throw new UsageException($"unknown target subcommand '{args[0]}' (known: capture)");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliases = new List<string>();
        var environment = new List<KeyValuePair<string, string>>();
        var operands = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return new TargetArguments { Help = true };
            }

            if (!arg.StartsWith('-') || arg == "-")
            {
                operands.Add(arg);
                continue;
            }

            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals < 0 ? arg : arg[..equals];
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option {name} needs a value");
            }

            switch (name)
            {
                case "--alias":
                    aliases.Add(value);
                    break;
                case "--env":
                    var split = value.IndexOf('=', StringComparison.Ordinal);
                    if (split <= 0)
                    {
                        throw new UsageException($"--env takes NAME=VALUE, not '{value}'");
                    }

                    environment.Add(new KeyValuePair<string, string>(value[..split], value[(split + 1)..]));
                    break;
                default:
                    if (Array.IndexOf(SingleValueOptions, name) < 0)
                    {
                        throw new UsageException($"unknown option {name} for target capture");
                    }

                    var key = name == "--output" ? "-o" : name;
                    if (!values.TryAdd(key, value))
                    {
                        throw new UsageException($"option {name} is given twice");
                    }

                    break;
            }
        }

        if (operands.Count != 1)
        {
            throw new UsageException("target capture takes one ROOT directory or IMAGE.tar");
        }

        return new TargetArguments
        {
            Input = operands[0],
            OutputPath = values.GetValueOrDefault("-o"),
            Id = values.GetValueOrDefault("--id"),
            Kind = values.TryGetValue("--kind", out var kind) ? ParseKind(kind) : null,
            Title = values.GetValueOrDefault("--title"),
            Source = values.GetValueOrDefault("--source"),
            ArchitectureName = values.GetValueOrDefault("--arch"),
            Aliases = aliases,
            Environment = environment,
        };
    }

    private static TargetKind ParseKind(string text) => text switch
    {
        "image" => TargetKind.Image,
        "distribution" => TargetKind.Distribution,
        "root-filesystem" => TargetKind.RootFilesystem,
        _ => throw new UsageException($"--kind is image, distribution or root-filesystem, not '{text}'"),
    };
}
