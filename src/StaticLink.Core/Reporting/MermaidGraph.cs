using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticLink.Core.Loading;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The output's dependencies as a Mermaid flowchart: each native file of the output points at what its NEEDED entries
/// resolve to (another file of the output, a library of the target, or nothing), as the loader model decided
/// (<see cref="FileReport.Needs"/>). Missing and unreachable libraries get their own marked nodes, since they are what a
/// reader looks for. To stay readable for hundreds of files, the .NET runtime's own files are one node, files beyond
/// <see cref="MaximumFileNodes"/> are grouped by package (files with findings keep their own node), and when the
/// edges to target libraries would exceed <see cref="MaximumTargetEdges"/> they all go to one node of the target.
/// </summary>
public sealed class MermaidGraph
{
    public const int MaximumFileNodes = 40;

    public const int MaximumTargetEdges = 40;

    /// <summary>Library names the aggregated target node lists before "+N more".</summary>
    public const int TargetNamesListed = 8;

    // Node keys: a file's own node, its package's, the .NET runtime's, or the one for packages past the budget.
    private const string FilePrefix = "file:";
    private const string PackagePrefix = "package:";
    private const string RuntimeGroup = "runtime";
    private const string OtherPackages = "other";

    /// <summary>The lines of the diagram, without the ```mermaid fence.</summary>
    public static IReadOnlyList<string> Lines(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        return new MermaidGraph(report).Build();
    }

    private readonly CheckReport _report;
    private readonly List<FileReport> _sources = [];

    private readonly Dictionary<string, string> _nodeOfPath = new(StringComparer.Ordinal);
    private readonly List<string> _nodeKeys = [];
    private readonly Dictionary<string, string> _nodeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _groupSizes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    private MermaidGraph(CheckReport report)
    {
        _report = report;
        foreach (var file in report.Files)
        {
            if (file.Elf is not null && file.IsLoadable)
            {
                _sources.Add(file);
            }
        }
    }

    private List<string> Build()
    {
        AssignNodes();

        var bundledEdges = new List<(string From, string To)>();
        var targetEdges = new List<(string From, string Library)>();
        var missingEdges = new List<(string From, string Library)>();
        var unreachableEdges = new List<(string From, string Library)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in _sources)
        {
            var from = _nodeOfPath[file.Path];
            foreach (var need in file.Needs)
            {
                switch (need.Kind)
                {
                    case NeededResolutionKind.Output:
                        var to = need.OutputFile is { } provider && _nodeOfPath.TryGetValue(provider.RelativePath, out var providerNode) ? providerNode : null;
                        if (to is not null && to != from && seen.Add("b\n" + from + "\n" + to))
                        {
                            bundledEdges.Add((from, to));
                        }

                        break;
                    case NeededResolutionKind.Target or NeededResolutionKind.MuslReserved:
                        if (seen.Add("t\n" + from + "\n" + need.Library))
                        {
                            targetEdges.Add((from, need.Library));
                        }

                        break;
                    case NeededResolutionKind.Unreachable:
                        if (seen.Add("u\n" + from + "\n" + need.Library))
                        {
                            unreachableEdges.Add((from, need.Library));
                        }

                        break;
                    default:
                        if (seen.Add("m\n" + from + "\n" + need.Library))
                        {
                            missingEdges.Add((from, need.Library));
                        }

                        break;
                }
            }
        }

        var lines = new List<string> { "flowchart LR" };
        foreach (var key in _nodeKeys)
        {
            lines.Add($"  {_nodeIds[key]}[\"{_nodeLabels[key]}\"]");
        }

        foreach (var (from, to) in bundledEdges)
        {
            lines.Add($"  {_nodeIds[from]} --> {_nodeIds[to]}");
        }

        var targetNodes = AddTargetLibraries(lines, targetEdges);
        var missingNodes = AddLibraries(lines, missingEdges, "m", "missing", "-->");
        var unreachableNodes = AddLibraries(lines, unreachableEdges, "u", "in the output, not on the RUNPATH", "-.->");

        lines.Add("  classDef missing fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-width:2px");
        lines.Add("  classDef unreachable fill:#fff8c5,stroke:#9a6700,color:#4d2d00,stroke-dasharray:4 3");
        lines.Add("  classDef failing stroke:#cf222e,stroke-width:3px");
        lines.Add("  classDef runtime fill:#f6f8fa,stroke:#8c959f");
        lines.Add("  classDef target fill:#ddf4ff,stroke:#0969da");
        AddClass(lines, "missing", missingNodes);
        AddClass(lines, "unreachable", unreachableNodes);
        AddClass(lines, "target", targetNodes);
        var failing = new List<string>();
        foreach (var key in _nodeKeys)
        {
            if (_failing.Contains(key))
            {
                failing.Add(_nodeIds[key]);
            }
        }

        AddClass(lines, "failing", failing);
        if (_nodeIds.TryGetValue(RuntimeGroup, out var runtimeId))
        {
            AddClass(lines, "runtime", [runtimeId]);
        }

        return lines;
    }

    /// <summary>
    /// The .NET runtime's files share one node. Past <see cref="MaximumFileNodes"/> other files, files with findings
    /// keep their own node (up to half the budget), the others share their package's, the largest packages first, and
    /// what does not fit shares one "other packages" node.
    /// </summary>
    private void AssignNodes()
    {
        var own = _sources.FindAll(file => !FileOrigins.IsDotNetRuntime(file.Package));
        var keys = new Dictionary<FileReport, string>();
        if (own.Count <= MaximumFileNodes)
        {
            own.ForEach(file => keys[file] = FileKey(file));
        }
        else
        {
            var individual = 0;
            var rest = new List<FileReport>();
            foreach (var file in own)
            {
                if (IsFlagged(file) && individual < MaximumFileNodes / 2)
                {
                    keys[file] = FileKey(file);
                    individual++;
                }
                else
                {
                    rest.Add(file);
                }
            }

            var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
            var packages = new List<string>();
            foreach (var file in rest)
            {
                if (sizes.TryGetValue(file.Package, out var size))
                {
                    sizes[file.Package] = size + 1;
                }
                else
                {
                    sizes[file.Package] = 1;
                    packages.Add(file.Package);
                }
            }

            // Largest first; a stable sort keeps the output's order among packages of the same size.
            var ranked = packages.Select((package, order) => (package, order)).OrderByDescending(item => sizes[item.package]).ThenBy(item => item.order).Select(item => item.package).ToList();
            var slots = MaximumFileNodes - individual - 1;
            var kept = new HashSet<string>(ranked.Take(ranked.Count <= slots + 1 ? ranked.Count : slots), StringComparer.Ordinal);
            foreach (var file in rest)
            {
                keys[file] = kept.Contains(file.Package) ? PackagePrefix + file.Package : OtherPackages;
            }
        }

        foreach (var file in _sources)
        {
            var key = keys.TryGetValue(file, out var assigned) ? assigned : RuntimeGroup;
            _nodeOfPath[file.Path] = key;
            _groupSizes[key] = _groupSizes.TryGetValue(key, out var size) ? size + 1 : 1;
            if (file.Verdict == Verdict.Fail)
            {
                _failing.Add(key);
            }

            if (!_nodeIds.ContainsKey(key))
            {
                _nodeIds[key] = "f" + _nodeKeys.Count.ToString(CultureInfo.InvariantCulture);
                _nodeKeys.Add(key);
                _nodeLabels[key] = key.StartsWith(FilePrefix, StringComparison.Ordinal)
                    ? MermaidText.Label(file.Path) + "<br/>" + MermaidText.Label(file.Package)
                    : string.Empty;
            }
        }

        foreach (var key in _nodeKeys)
        {
            if (_nodeLabels[key].Length > 0)
            {
                continue;
            }

            var name = key == RuntimeGroup ? FileOrigins.DotNetRuntimeOrigin
                : key == OtherPackages ? "other packages"
                : key.Substring(PackagePrefix.Length);
            _nodeLabels[key] = MermaidText.Label(name) + "<br/>" + MermaidText.Label(Files(_groupSizes[key]));
        }
    }

    private static string FileKey(FileReport file) => FilePrefix + file.Path;

    private static bool IsFlagged(FileReport file) => file.Verdict is Verdict.Fail or Verdict.Warn;

    /// <summary>One node per target library, or, past <see cref="MaximumTargetEdges"/>, one node for the target with a count per edge.</summary>
    private List<string> AddTargetLibraries(List<string> lines, List<(string From, string Library)> edges)
    {
        if (edges.Count <= MaximumTargetEdges)
        {
            return AddLibraries(lines, edges, "t", null, "-->");
        }

        var libraries = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (from, library) in edges)
        {
            if (known.Add(library))
            {
                libraries.Add(library);
            }

            if (perSource.TryGetValue(from, out var count))
            {
                perSource[from] = count + 1;
            }
            else
            {
                order.Add(from);
                perSource[from] = 1;
            }
        }

        var listed = new List<string>();
        for (var index = 0; index < libraries.Count && index < TargetNamesListed; index++)
        {
            listed.Add(MermaidText.Label(libraries[index]));
        }

        var more = libraries.Count > TargetNamesListed ? "<br/>+" + (libraries.Count - TargetNamesListed).ToString(CultureInfo.InvariantCulture) + " more" : string.Empty;
        lines.Add($"  T[\"{MermaidText.Label(TargetTitle())}<br/>{string.Join(", ", listed)}{more}\"]");
        foreach (var from in order)
        {
            var count = perSource[from];
            var label = count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " library" : " libraries");
            lines.Add($"  {_nodeIds[from]} -->|\"{label}\"| T");
        }

        return ["T"];
    }

    private List<string> AddLibraries(List<string> lines, List<(string From, string Library)> edges, string prefix, string? note, string arrow)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = new List<string>();
        foreach (var (from, library) in edges)
        {
            if (!ids.TryGetValue(library, out var id))
            {
                id = prefix + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids[library] = id;
                nodes.Add(id);
                var label = MermaidText.Label(library) + (note is null ? string.Empty : "<br/>" + MermaidText.Label(note));
                lines.Add($"  {id}[\"{label}\"]");
            }

            lines.Add($"  {_nodeIds[from]} {arrow} {id}");
        }

        return nodes;
    }

    private string TargetTitle() => _report.Targets.Count == 0 ? "the target" : "on " + _report.Targets[0].Id;

    private static string Files(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " file" : " files");

    private static void AddClass(List<string> lines, string name, List<string> ids)
    {
        if (ids.Count > 0)
        {
            lines.Add($"  class {string.Join(",", ids)} {name}");
        }
    }
}
