using System;
using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Loading;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The tree as text, in lddtree's shape: a root per line, each NEEDED entry indented under the file that needs it,
/// with where the loader finds it: bundled at a path of the output, from the target, musl itself, missing, or
/// unreachable (in the output, but no run path of the file reaches it).
/// </summary>
public static class DependencyTreeText
{
    private const string Indent = "    ";

    public static void Write(DependencyTreeReport report, TextWriter output)
    {
        if (report is null || output is null)
        {
            throw new ArgumentNullException(report is null ? nameof(report) : nameof(output));
        }

        foreach (var tree in report.Trees)
        {
            output.WriteLine($"{report.Root} ({report.RuntimeIdentifier}) on {tree.Target.DisplayName}");
            foreach (var root in tree.Roots)
            {
                output.WriteLine(root.Name);
                WriteChildren(root, 1, output);
            }
        }
    }

    /// <summary>Which files bring <paramref name="library"/> in, one chain per line: root => NEEDED => ... => library.</summary>
    public static void WriteWhy(DependencyTreeReport report, string library, TextWriter output)
    {
        if (report is null || output is null)
        {
            throw new ArgumentNullException(report is null ? nameof(report) : nameof(output));
        }

        foreach (var tree in report.Trees)
        {
            var chains = tree.Why(library);
            var files = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var chain in chains)
            {
                files.Add(chain[0].Name);
            }

            output.WriteLine(chains.Count == 0
                ? $"{library}: no file of {report.Root} needs it on {tree.Target.DisplayName}"
                : $"{library} on {tree.Target.DisplayName}: brought in by {string.Join(", ", files)}");
            foreach (var chain in chains)
            {
                var parts = new List<string>(chain.Count);
                foreach (var node in chain)
                {
                    parts.Add(node.IsRoot ? node.Name : node.Name + " (" + Where(node) + ")");
                }

                output.WriteLine(Indent + string.Join(" => ", parts));
            }

            if (chains.Count >= DependencyTree.MaximumChains)
            {
                output.WriteLine(Indent + $"(stopped after {DependencyTree.MaximumChains} chains)");
            }
        }
    }

    /// <summary>Where the loader finds a NEEDED entry, in words.</summary>
    public static string Where(DependencyNode node)
    {
        if (node?.Resolution is not { } resolution)
        {
            return "root";
        }

        return resolution.Kind switch
        {
            NeededResolutionKind.Output => "bundled at " + resolution.OutputFile!.RelativePath,
            NeededResolutionKind.Target => resolution.TargetLibrary?.Path is { Length: > 0 } path ? "from the target, " + path : "from the target",
            NeededResolutionKind.MuslReserved => "musl itself",
            NeededResolutionKind.Unreachable => "unreachable: the output has " + resolution.OutputFile!.RelativePath + ", but no run path reaches it",
            _ => "missing",
        };
    }

    private static void WriteChildren(DependencyNode node, int depth, TextWriter output)
    {
        foreach (var child in node.Children)
        {
            var repeat = child.Repeat switch
            {
                DependencyRepeat.AlreadySeen => " [already seen]",
                DependencyRepeat.Cycle => " [cycle]",
                _ => string.Empty,
            };
            for (var level = 0; level < depth; level++)
            {
                output.Write(Indent);
            }

            output.WriteLine(child.Name + " => " + Where(child) + repeat);
            WriteChildren(child, depth + 1, output);
        }
    }
}
