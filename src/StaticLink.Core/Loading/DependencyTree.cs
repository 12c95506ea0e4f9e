using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Loading;

/// <summary>
/// The lddtree view of an output on one target: each root file (a program or library no other file of the output
/// loads through NEEDED) and, recursively, how each NEEDED entry resolves, as <see cref="LoaderModel"/> decides.
/// A bundled file is expanded once per root; where it comes again, or loops back, it is marked instead.
/// </summary>
public sealed class DependencyTree
{
    /// <summary>More chains than anyone reads; --why stops there rather than walk every path of a dense graph.</summary>
    public const int MaximumChains = 1000;

    private readonly LoaderModel _loader;
    private readonly Dictionary<ScannedFile, IReadOnlyList<NeededResolution>> _resolutions = [];

    private DependencyTree(TargetDescription target, LoaderModel loader)
    {
        Target = target;
        _loader = loader;
    }

    public TargetDescription Target { get; }

    public IReadOnlyList<DependencyNode> Roots { get; private set; } = [];

    public static DependencyTree Build(IReadOnlyList<ScannedFile> files, TargetDescription target)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        var tree = new DependencyTree(target ?? throw new ArgumentNullException(nameof(target)), new LoaderModel(files, target));
        var loadable = new List<ScannedFile>();
        foreach (var file in files)
        {
            if (file.Elf is { } elf && !file.IsDebugSymbols && elf.Type is ElfFileType.Executable or ElfFileType.SharedObject)
            {
                loadable.Add(file);
            }
        }

        loadable.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        var needed = new HashSet<ScannedFile>();
        foreach (var file in loadable)
        {
            foreach (var resolution in tree.ResolutionsOf(file))
            {
                if (resolution.Kind == NeededResolutionKind.Output && resolution.OutputFile is { } provider && provider != file)
                {
                    needed.Add(provider);
                }
            }
        }

        var roots = new List<DependencyNode>();
        var shown = new HashSet<ScannedFile>();
        foreach (var file in loadable)
        {
            if (!needed.Contains(file))
            {
                roots.Add(tree.Expand(file, shown));
            }
        }

        // Files that only load each other (a cycle no root reaches) would otherwise be nowhere.
        foreach (var file in loadable)
        {
            if (!shown.Contains(file))
            {
                roots.Add(tree.Expand(file, shown));
            }
        }

        tree.Roots = roots;
        return tree;
    }

    /// <summary>
    /// Every chain from a root to a NEEDED entry naming <paramref name="library"/> (by NEEDED name, or the file name or
    /// SONAME of the bundled file it resolves to), each once, at most <see cref="MaximumChains"/>. A root that is itself
    /// that library is a chain of one.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<DependencyNode>> Why(string library)
    {
        if (string.IsNullOrEmpty(library))
        {
            throw new ArgumentException("a library name is needed", nameof(library));
        }

        var chains = new List<IReadOnlyList<DependencyNode>>();
        foreach (var root in Roots)
        {
            if (root.File is { } file && Names(file, library))
            {
                chains.Add([root]);
                continue;
            }

            var path = new List<DependencyNode> { root };
            var onPath = new HashSet<ScannedFile> { root.File! };
            FindChains(root.File!, library, path, onPath, chains);
        }

        return chains;
    }

    private void FindChains(ScannedFile file, string library, List<DependencyNode> path, HashSet<ScannedFile> onPath, List<IReadOnlyList<DependencyNode>> chains)
    {
        foreach (var resolution in ResolutionsOf(file))
        {
            if (chains.Count >= MaximumChains)
            {
                return;
            }

            var provider = resolution.OutputFile;
            var repeat = provider is not null && onPath.Contains(provider) ? DependencyRepeat.Cycle : DependencyRepeat.None;
            var node = new DependencyNode(resolution.Library, provider, resolution, repeat, []);
            if (resolution.Library == library || (provider is not null && Names(provider, library)))
            {
                chains.Add([.. path, node]);
                continue;
            }

            if (resolution.Kind != NeededResolutionKind.Output || provider is null || repeat == DependencyRepeat.Cycle)
            {
                continue;
            }

            path.Add(node);
            onPath.Add(provider);
            FindChains(provider, library, path, onPath, chains);
            onPath.Remove(provider);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool Names(ScannedFile file, string library) =>
        file.FileName == library || file.RelativePath == library || file.Elf?.Soname == library;

    private DependencyNode Expand(ScannedFile root, HashSet<ScannedFile> shown)
    {
        var seen = new HashSet<ScannedFile> { root };
        var onPath = new HashSet<ScannedFile> { root };
        shown.Add(root);
        return new DependencyNode(root.RelativePath, root, null, DependencyRepeat.None, Children(root, seen, onPath, shown));
    }

    private List<DependencyNode> Children(ScannedFile file, HashSet<ScannedFile> seen, HashSet<ScannedFile> onPath, HashSet<ScannedFile> shown)
    {
        var children = new List<DependencyNode>();
        foreach (var resolution in ResolutionsOf(file))
        {
            var provider = resolution.OutputFile;
            if (resolution.Kind != NeededResolutionKind.Output || provider is null)
            {
                children.Add(new DependencyNode(resolution.Library, provider, resolution, DependencyRepeat.None, []));
                continue;
            }

            if (onPath.Contains(provider))
            {
                children.Add(new DependencyNode(resolution.Library, provider, resolution, DependencyRepeat.Cycle, []));
                continue;
            }

            if (!seen.Add(provider))
            {
                children.Add(new DependencyNode(resolution.Library, provider, resolution, DependencyRepeat.AlreadySeen, []));
                continue;
            }

            shown.Add(provider);
            onPath.Add(provider);
            var grandchildren = Children(provider, seen, onPath, shown);
            onPath.Remove(provider);
            children.Add(new DependencyNode(resolution.Library, provider, resolution, DependencyRepeat.None, grandchildren));
        }

        return children;
    }

    private IReadOnlyList<NeededResolution> ResolutionsOf(ScannedFile file)
    {
        if (!_resolutions.TryGetValue(file, out var resolutions))
        {
            var list = new List<NeededResolution>(file.Elf!.Needed.Count);
            foreach (var needed in file.Elf.Needed)
            {
                list.Add(_loader.Resolve(file, needed));
            }

            resolutions = list;
            _resolutions[file] = resolutions;
        }

        return resolutions;
    }
}
