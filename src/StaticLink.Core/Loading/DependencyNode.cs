using System.Collections.Generic;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Loading;

/// <summary>
/// One line of a dependency tree: a root file of the output, or one NEEDED entry of the file above it with where the
/// loader finds it (<see cref="LoaderModel"/> decides; the tree only follows).
/// </summary>
public sealed class DependencyNode
{
    internal DependencyNode(string name, ScannedFile? file, NeededResolution? resolution, DependencyRepeat repeat, IReadOnlyList<DependencyNode> children)
    {
        Name = name;
        File = file;
        Resolution = resolution;
        Repeat = repeat;
        Children = children;
    }

    /// <summary>A root's path relative to the output, or the NEEDED name.</summary>
    public string Name { get; }

    /// <summary>The file of the output: the root itself, the bundled file found, or the one the loader does not reach.</summary>
    public ScannedFile? File { get; }

    /// <summary>Null for a root.</summary>
    public NeededResolution? Resolution { get; }

    public DependencyRepeat Repeat { get; }

    /// <summary>The file's own NEEDED entries, in their order; empty for leaves and repeats.</summary>
    public IReadOnlyList<DependencyNode> Children { get; }

    public bool IsRoot => Resolution is null;
}
