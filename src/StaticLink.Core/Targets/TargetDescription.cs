using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Targets;

/// <summary>
/// Where an output will run, as the loader sees it: the C library (flavour and release), every shared library the
/// loader finds there with its versions, the C library's exported symbols (musl has no symbol versions, so its
/// symbols are the only way to know what binds), and the environment the image sets (an image may switch .NET to
/// invariant globalization). Read from a target file, the built-in catalogue or a root filesystem; never typed here.
/// </summary>
public sealed class TargetDescription
{
    /// <summary>The variable with which an image runs .NET in invariant globalization mode.</summary>
    public const string InvariantGlobalizationVariable = "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT";

    private readonly Dictionary<string, TargetLibrary> _bySoname = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetLibrary> _byPath = new(StringComparer.Ordinal);

    public TargetDescription(
        string id,
        TargetKind kind,
        string architectureName,
        LibcFlavor libc,
        VersionNumber? libcVersion,
        IReadOnlyList<TargetLibrary> libraries)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Kind = kind;
        ArchitectureName = architectureName ?? string.Empty;
        Libc = libc;
        LibcVersion = libcVersion;
        Libraries = libraries ?? throw new ArgumentNullException(nameof(libraries));
        foreach (var library in libraries)
        {
            // The first library of a name wins, as the first directory of the search path does.
            AddFirst(library.Soname, library);

            if (library.Path is { Length: > 0 } path)
            {
                _byPath[path] = library;
                AddFirst(ForwardSlashPath.FileName(path), library);
            }
        }
    }

    /// <summary>The name people use: debian.12, mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled, scratch.</summary>
    public string Id { get; }

    /// <summary>Other spellings that name the same target (tags, short forms).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public TargetKind Kind { get; }

    /// <summary>A line for people: "Debian 12 (bookworm) with .NET's dependencies".</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Where the facts come from (a capture of named packages, a release table, a Dockerfile).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The RID architecture: x64, arm64, arm, ...; empty for a target of any architecture.</summary>
    public string ArchitectureName { get; }

    /// <summary>Glibc or Musl; None for a target without a C library (scratch, distroless static).</summary>
    public LibcFlavor Libc { get; }

    /// <summary>The C library's release (2.36, 1.2.4); null when unknown.</summary>
    public VersionNumber? LibcVersion { get; }

    public IReadOnlyList<TargetLibrary> Libraries { get; }

    /// <summary>For musl: every symbol its dynamic linker resolves. Null when not known (glibc binds by version).</summary>
    public ISet<string>? LibcSymbols { get; init; }

    /// <summary>Environment variables the image sets for every process (ENV lines of its Dockerfile).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The image starts .NET in invariant globalization mode (it sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT).</summary>
    public bool SetsInvariantGlobalization =>
        Environment.TryGetValue(InvariantGlobalizationVariable, out var value)
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>"debian.12 (glibc 2.36)", for messages.</summary>
    public string DisplayName => Kind == TargetKind.Policy ? "policy " + Id : Libc switch
    {
        LibcFlavor.Glibc or LibcFlavor.Musl when LibcVersion is not null => $"{Id} ({ElfNames.Libc(Libc)} {LibcVersion.Text})",
        LibcFlavor.None => Id + " (no C library)",
        _ => Id,
    };

    /// <summary>The library a NEEDED name finds on the target (by SONAME or file name), or null.</summary>
    public TargetLibrary? FindLibrary(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (name.Length > 0 && name[0] == '/')
        {
            return _byPath.TryGetValue(name, out var atPath) ? atPath : null;
        }

        return _bySoname.TryGetValue(name, out var library) ? library : null;
    }

    private void AddFirst(string name, TargetLibrary library)
    {
        if (!_bySoname.TryGetValue(name, out _))
        {
            _bySoname[name] = library;
        }
    }

    /// <summary>True when some library's SONAME starts with the prefix (libicuuc.so., libssl.so.): a family is present.</summary>
    public bool HasLibraryStartingWith(string prefix)
    {
        foreach (var name in _bySoname.Keys)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
