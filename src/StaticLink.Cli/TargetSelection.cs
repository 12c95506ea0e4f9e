using StaticLink.Core;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Completions;
using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets;

namespace StaticLink.Cli;

/// <summary>
/// What a command checks against: --rid, --target (repeatable), --framework and --policy, validated at parse time
/// with the engine's own answers (RuntimeIdentifierInfo, TargetResolver, BuiltInPolicies), so a mistake is a usage
/// error before anything is read. Every command that checks (check, and those that share its engine) adds the same
/// four options with <see cref="AddTo"/>.
/// </summary>
internal sealed class TargetSelection
{
    private TargetSelection(Option<string> runtimeIdentifier, Option<string[]> targets, Option<string> framework, Option<string> policy)
    {
        RuntimeIdentifier = runtimeIdentifier;
        Targets = targets;
        Framework = framework;
        Policy = policy;
    }

    public Option<string> RuntimeIdentifier { get; }

    public Option<string[]> Targets { get; }

    public Option<string> Framework { get; }

    public Option<string> Policy { get; }

    public static TargetSelection AddTo(Command command)
    {
        var rid = new Option<string>("--rid")
        {
            Description = "The runtime identifier the output was published for, e.g. linux-x64 or linux-musl-arm64.",
            HelpName = "RID",
            Required = true,
        };
        rid.CompletionSources.Add(_ => LinuxRuntimeIdentifiers());
        rid.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && WhyNotALinuxRid(result.Tokens[0].Value) is { } reason)
            {
                result.AddError(reason);
            }
        });

        var targets = new Option<string[]>("--target")
        {
            Description = "A built-in target (debian.12, rhel.8, alpine.3.20, mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled, scratch, ...; docs/targets.md), " +
                "a target file or a root filesystem; repeatable, all must pass. Without it: .NET's floor for --framework and the RID.",
            HelpName = "TARGET",
            Arity = ArgumentArity.OneOrMore,
        };
        targets.CompletionSources.Add(_ => TargetNames());

        var framework = Options.NonEmpty("--framework", "TFM", "The target framework whose floor applies when no --target is named (default: the newest .NET).");

        var policy = new Option<string>("--policy")
        {
            Description = "One of the old policies, used when no --target is named.",
            HelpName = string.Join('|', BuiltInPolicies.Names),
        };
        policy.AcceptOnlyFromAmong([.. BuiltInPolicies.Names]);

        command.Options.Add(rid);
        command.Options.Add(targets);
        command.Options.Add(framework);
        command.Options.Add(policy);

        // A target is judged against the RID's architecture: the catalogue is looked up for it first, which is cheap.
        command.Validators.Add(result =>
        {
            if (result.GetResult(targets) is not { } given)
            {
                return;
            }

            var ridValue = result.GetResult(rid)?.Tokens is [{ } ridToken] ? ridToken.Value : string.Empty;
            var architecture = RuntimeIdentifierInfo.Parse(ridValue).ArchitectureName;
            foreach (var token in given.Tokens)
            {
                if (TargetResolver.Unrecognized(token.Value, "--target", architecture) is { } reason)
                {
                    result.AddError(reason);
                }
            }
        });

        return new TargetSelection(rid, targets, framework, policy);
    }

    /// <summary>The shape of a Linux RID with an architecture StaticLink knows; anything else cannot be checked.</summary>
    private static string? WhyNotALinuxRid(string text)
    {
        var rid = RuntimeIdentifierInfo.Parse(text);
        if (!rid.IsLinux)
        {
            return $"--rid '{text}' is not a Linux runtime identifier (linux-x64, linux-musl-x64, linux-arm64, ...)";
        }

        if (rid.Architecture is null)
        {
            return $"--rid '{text}' has an architecture StaticLink does not know ({string.Join(", ", TargetArchitecture.All.Select(architecture => architecture.RidName))})";
        }

        return null;
    }

    private static IEnumerable<string> LinuxRuntimeIdentifiers()
    {
        foreach (var architecture in TargetArchitecture.All)
        {
            yield return "linux-" + architecture.RidName;
            yield return "linux-musl-" + architecture.RidName;
        }
    }

    // The whole catalogue is read only when a shell asks for completions, never for a check. The parser keeps those
    // that contain the word being completed.
    private static IEnumerable<CompletionItem> TargetNames()
    {
        var names = new SortedSet<string>(System.StringComparer.Ordinal) { DotNetFloor.IdPrefix };
        names.UnionWith(BuiltInPolicies.Names);
        foreach (var entry in TargetCatalogue.All)
        {
            names.Add(entry.Id);
        }

        return names.Select(name => new CompletionItem(name));
    }
}
