using System.Collections.Generic;

namespace StaticLink.Core.Scanning;

/// <summary>The native files of one output and how many files were looked at to find them.</summary>
/// <param name="Root">The full path of the scanned root.</param>
/// <param name="Files">ELF files, and files that should have been ELF but could not be read, by relative path.</param>
/// <param name="ExaminedFileCount">Every regular file looked at, native or not.</param>
/// <param name="RootError">Set when the root itself could not be scanned (missing, unreadable).</param>
public sealed record OutputScan(string Root, IReadOnlyList<ScannedFile> Files, int ExaminedFileCount, string? RootError)
{
    /// <summary>The .NET assemblies of the output (and of its single-file bundles) with their P/Invoke targets, by relative path.</summary>
    public IReadOnlyList<ScannedAssembly> Assemblies { get; init; } = [];
}
