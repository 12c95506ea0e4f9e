using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Reporting;

/// <summary>The dependency graph: edges as the loader model resolved them, marked problems, escaping, and grouping for big outputs.</summary>
public class MermaidGraphTests
{
    [Test]
    public void Files_point_at_bundled_target_missing_and_unreachable_libraries_as_the_loader_model_resolved_them()
    {
        var app = Facts.GlibcExecutable("libc.so.6", "libbundled.so");
        app.Runpath = ["$ORIGIN"];
        var bundled = Facts.Library("libbundled.so", "libmissing.so.1", "libneighbour.so");
        var report = Facts.Check("linux-x64", Facts.File("app", app), Facts.File("libbundled.so", bundled), Facts.File("libneighbour.so", Facts.Library("libneighbour.so")));
        var needs = report.FileNamed("libbundled.so").Needs.Select(need => need.Library + ":" + NeededKindNames.Of(need.Kind));
        Assert.That(needs, Is.EqualTo(new[] { "libmissing.so.1:missing", "libneighbour.so:unreachable" }), "the loader model's verdicts the graph draws");

        var graph = MermaidGraph.Lines(report);
        TestContext.Out.WriteLine(string.Join("\n", graph));
        var nodes = Nodes(graph);

        Assert.That(graph[0], Is.EqualTo("flowchart LR"));
        var appNode = nodes.Single(node => node.Value.StartsWith("app<br/>", System.StringComparison.Ordinal)).Key;
        var bundledNode = nodes.Single(node => node.Value.StartsWith("libbundled.so<br/>", System.StringComparison.Ordinal)).Key;
        var libc = nodes.Single(node => node.Value == "libc.so.6").Key;
        var missing = nodes.Single(node => node.Value == "libmissing.so.1<br/>missing").Key;
        var unreachable = nodes.Single(node => node.Value.StartsWith("libneighbour.so<br/>in the output", System.StringComparison.Ordinal)).Key;
        Assert.That(graph, Does.Contain($"  {appNode} --> {bundledNode}"));
        Assert.That(graph, Does.Contain($"  {appNode} --> {libc}"));
        Assert.That(graph, Does.Contain($"  {bundledNode} --> {missing}"));
        Assert.That(graph, Does.Contain($"  {bundledNode} -.-> {unreachable}"));
        Assert.That(ClassMembers(graph, "missing"), Is.EqualTo(new[] { missing }));
        Assert.That(ClassMembers(graph, "unreachable"), Is.EqualTo(new[] { unreachable }));
        Assert.That(ClassMembers(graph, "failing"), Is.EqualTo(new[] { bundledNode }));
        Assert.That(graph.Any(line => line.StartsWith("  classDef missing ", System.StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Quotes_pipes_brackets_and_tags_in_names_are_entity_codes_in_labels()
    {
        var name = "lib\"a|b[c]{d}<e>#f;.so";
        var report = Facts.Check("linux-x64", Facts.File(name, Facts.Library(name, "libz\"|.so.1")));

        var graph = MermaidGraph.Lines(report);

        var label = Regex.Match(string.Join("\n", graph), "f0\\[\"([^\"]*)\"\\]").Groups[1].Value;
        Assert.That(label, Does.StartWith("lib#quot;a#124;b#91;c#93;#123;d#125;#lt;e#gt;#35;f#59;.so<br/>"));
        Assert.That(graph.Skip(1).Select(line => line.Count(character => character == '"') % 2), Is.All.Zero, "every label's quotes stay paired");
        Assert.That(string.Join("\n", graph), Does.Contain("libz#quot;#124;.so.1"));
    }

    [Test]
    public void Two_hundred_files_stay_readable_the_runtime_is_one_node_and_packages_are_grouped()
    {
        var report = TwoHundredFiles();
        Assert.That(report.Files, Has.Count.EqualTo(200));

        var graph = MermaidGraph.Lines(report);
        TestContext.Out.WriteLine(string.Join("\n", graph));
        var nodes = Nodes(graph);
        var edges = graph.Count(line => line.Contains("-->", System.StringComparison.Ordinal) || line.Contains("-.->", System.StringComparison.Ordinal));

        Assert.That(nodes.Values.Where(label => label.StartsWith("the .NET runtime", System.StringComparison.Ordinal)), Is.EqualTo(new[] { "the .NET runtime<br/>150 files" }));
        Assert.That(nodes.Values, Does.Contain("Big.Package 1.0.0<br/>40 files"));
        Assert.That(nodes.Values.Count(label => label.StartsWith("libbroken", System.StringComparison.Ordinal)), Is.EqualTo(5), "files with findings keep their own node");
        Assert.That(nodes.Values.Count(label => label.EndsWith("<br/>missing", System.StringComparison.Ordinal)), Is.EqualTo(5));
        Assert.That(ClassMembers(graph, "missing"), Has.Count.EqualTo(5));
        Assert.That(nodes, Has.Count.LessThanOrEqualTo(MermaidGraph.MaximumFileNodes + 10));
        Assert.That(edges, Is.LessThanOrEqualTo(60), "a graph a person can follow");
        var runtime = nodes.Single(node => node.Value.StartsWith("the .NET runtime", System.StringComparison.Ordinal)).Key;
        var big = nodes.Single(node => node.Value.StartsWith("Big.Package", System.StringComparison.Ordinal)).Key;
        Assert.That(graph, Does.Contain($"  {big} --> {runtime}"), "a package's file needing a runtime file points at the runtime's node");
        Assert.That(graph.Where(line => line == $"  {runtime} --> {runtime}"), Is.Empty);
        Assert.That(ClassMembers(graph, "runtime"), Is.EqualTo(new[] { runtime }));
    }

    [Test]
    public void Past_the_edge_limit_target_libraries_become_one_node_with_a_count_per_file()
    {
        var files = Enumerable.Range(0, 40).Select(index => Facts.File($"lib{index}.so", Facts.Library($"lib{index}.so", "libc.so.6", "libm.so.6"))).ToArray();
        var report = Facts.Check("linux-x64", files);

        var graph = MermaidGraph.Lines(report);
        var nodes = Nodes(graph);

        Assert.That(nodes.Values.Count(label => label == "libc.so.6"), Is.Zero);
        var target = nodes["T"];
        Assert.That(target, Does.Contain("libc.so.6, libm.so.6"));
        Assert.That(graph.Count(line => line.EndsWith("-->|\"2 libraries\"| T", System.StringComparison.Ordinal)), Is.EqualTo(40));
        Assert.That(ClassMembers(graph, "target"), Is.EqualTo(new[] { "T" }));
    }

    /// <summary>150 files of the .NET runtime, 40 of one package and 5 of five others, and 5 files each missing a library.</summary>
    internal static CheckReport TwoHundredFiles()
    {
        var files = new List<StaticLink.Core.Scanning.ScannedFile>();
        var origins = new Dictionary<string, string>();
        for (var index = 0; index < 150; index++)
        {
            var name = $"libSystem.Part{index}.so";
            files.Add(Facts.File(name, Facts.Library(name, "libc.so.6", "libm.so.6")));
            origins[name] = "the .NET runtime (Microsoft.NETCore.App.Runtime.linux-x64 10.0.0)";
        }

        for (var index = 0; index < 45; index++)
        {
            var name = $"runtimes/linux-x64/native/libbig{index}.so";
            var library = Facts.Library($"libbig{index}.so", "libc.so.6", "libstdc++.so.6", "libm.so.6", "libSystem.Part0.so");
            library.Runpath = ["$ORIGIN/../../.."];
            files.Add(Facts.File(name, library));
            origins[name] = index < 40 ? "Big.Package 1.0.0" : $"Small.Package{index} 1.0.0";
        }

        for (var index = 0; index < 5; index++)
        {
            var name = $"libbroken{index}.so";
            files.Add(Facts.File(name, Facts.Library(name, "libc.so.6", $"libmissing{index}.so.1")));
            origins[name] = "Broken.Package 2.0.0";
        }

        var options = Facts.Options("linux-x64");
        return Facts.Check(new CheckOptions { Root = options.Root, RuntimeIdentifier = options.RuntimeIdentifier, PolicyName = options.PolicyName, FileOrigins = origins }, files.ToArray());
    }

    /// <summary>id -> label of every node declaration <c>id["label"]</c>.</summary>
    private static Dictionary<string, string> Nodes(IEnumerable<string> graph)
    {
        var nodes = new Dictionary<string, string>();
        foreach (var line in graph)
        {
            var match = Regex.Match(line, "^  (\\w+)\\[\"(.*)\"\\]$");
            if (match.Success)
            {
                nodes[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        return nodes;
    }

    private static List<string> ClassMembers(IEnumerable<string> graph, string name)
    {
        var line = graph.SingleOrDefault(item => item.StartsWith("  class ", System.StringComparison.Ordinal) && item.EndsWith(" " + name, System.StringComparison.Ordinal));
        return line is null ? [] : line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)[1].Split(',').ToList();
    }
}
