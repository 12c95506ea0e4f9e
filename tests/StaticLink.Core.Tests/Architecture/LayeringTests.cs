using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.Architecture;

/// <summary>
/// The folders of StaticLink.Core are layers: file formats, then facts about a publish output and its targets, then
/// the loader model and the rules, then the reports. A layer uses only the ones below it, and no two folders use
/// each other; both are read from the built StaticLink.Core.dll, method bodies included.
/// </summary>
public class LayeringTests
{
    private const string Engine = "StaticLink.Core";

    // Lower numbers are lower layers. A namespace missing here fails the test: a new folder has to say where it sits.
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        [Engine] = 0,
        [Engine + ".Compatibility"] = 0,
        [Engine + ".Json"] = 1,
        [Engine + ".Elf"] = 1,
        [Engine + ".Bundles"] = 1,
        [Engine + ".Managed"] = 1,
        [Engine + ".Scanning"] = 2,
        [Engine + ".Targets"] = 2,
        [Engine + ".Loading"] = 3,
        [Engine + ".Policy"] = 3,
        [Engine + ".Reporting"] = 4,
        [Engine + ".Baselines"] = 4,
    };

    private static Dictionary<string, HashSet<string>> EngineFolders() => ByFolder(NamespaceDependencies.Of(typeof(ElfFile).Assembly, Engine), Engine);

    [Test]
    public void Every_namespace_of_the_engine_has_a_layer()
    {
        var unplaced = EngineFolders().Keys.Where(name => !Layers.ContainsKey(name)).ToList();

        Assert.That(unplaced, Is.Empty, "add these to LayeringTests.Layers");
    }

    [Test]
    public void No_layer_uses_a_higher_one()
    {
        var upward = new List<string>();
        foreach (var (from, used) in EngineFolders())
        {
            foreach (var to in used)
            {
                if (Layers.TryGetValue(from, out var low) && Layers.TryGetValue(to, out var high) && high > low)
                {
                    upward.Add($"{from} -> {to}: {string.Join(", ", Users(from, to).Take(5))}");
                }
            }
        }

        Assert.That(upward, Is.Empty);
    }

    [Test]
    public void No_two_folders_of_the_engine_depend_on_each_other()
    {
        // A folder's own sub-namespaces (Targets.Capture) are one part with it, so they may use each other.
        Assert.That(Cycles(EngineFolders()), Is.Empty);
    }

    [Test]
    public void The_reading_sees_uses_that_only_a_method_body_shows()
    {
        // CycleSampleA.Caller names CycleSampleB only inside a method body, and B names A in a field: a cycle that a
        // signature-only reading would miss.
        var edges = NamespaceDependencies.Of(typeof(LayeringTests).Assembly, "StaticLink.Core.Tests.Architecture.CycleSample");

        Assert.That(Cycles(edges), Has.Count.EqualTo(1));
        Assert.That(Cycles(edges)[0], Does.Contain("CycleSampleA").And.Contain("CycleSampleB"));
    }

    [Test]
    public void The_reading_sees_the_known_uses_of_the_engine()
    {
        var folders = EngineFolders();

        Assert.That(folders[Engine + ".Reporting"], Does.Contain(Engine + ".Policy"), "reports render findings");
        Assert.That(folders[Engine + ".Policy"], Does.Contain(Engine + ".Elf"), "rules read ELF facts");
        Assert.That(folders[Engine + ".Elf"], Does.Not.Contain(Engine + ".Policy"));
    }

    /// <summary>Namespaces folded onto their folder (StaticLink.Core.Targets.Capture is StaticLink.Core.Targets).</summary>
    private static Dictionary<string, HashSet<string>> ByFolder(Dictionary<string, HashSet<string>> edges, string prefix)
    {
        var folders = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (from, used) in edges)
        {
            var folder = FolderOf(from, prefix);
            if (!folders.TryGetValue(folder, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                folders[folder] = set;
            }

            foreach (var to in used)
            {
                var target = FolderOf(to, prefix);
                if (target != folder)
                {
                    set.Add(target);
                }
            }
        }

        return folders;
    }

    private static string FolderOf(string name, string prefix)
    {
        if (name.Length <= prefix.Length)
        {
            return name;
        }

        var dot = name.IndexOf('.', prefix.Length + 1);
        return dot < 0 ? name : name.Substring(0, dot);
    }

    /// <summary>The engine's types in one folder that use a type of another, for the message.</summary>
    private static IEnumerable<string> Users(string from, string to) =>
        typeof(ElfFile).Assembly.GetTypes()
            .Where(type => type.Namespace is { } name && FolderOf(name, Engine) == from && !type.Name.StartsWith('<'))
            .Where(type => NamespaceDependencies.TypesUsedBy(type).Any(used => used.Namespace is { } name && FolderOf(name, Engine) == to))
            .Select(type => type.Name)
            .Distinct();

    /// <summary>Each strongly connected group of more than one namespace, as "A, B".</summary>
    private static List<string> Cycles(Dictionary<string, HashSet<string>> edges)
    {
        var cycles = new List<string>();
        foreach (var start in edges.Keys.OrderBy(name => name, StringComparer.Ordinal))
        {
            var group = edges.Keys.Where(other => other != start && Reaches(edges, start, other) && Reaches(edges, other, start)).ToList();
            if (group.Count > 0 && group.All(other => string.CompareOrdinal(start, other) < 0))
            {
                group.Insert(0, start);
                cycles.Add(string.Join(", ", group.OrderBy(name => name, StringComparer.Ordinal)));
            }
        }

        return cycles;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> edges, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Stack<string>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            if (!edges.TryGetValue(pending.Pop(), out var next))
            {
                continue;
            }

            foreach (var name in next)
            {
                if (name == to)
                {
                    return true;
                }

                if (seen.Add(name))
                {
                    pending.Push(name);
                }
            }
        }

        return false;
    }
}
