using System;
using System.Collections.Generic;
using System.Globalization;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Scanning;

/// <summary>
/// Builds the <see cref="ScannedFile"/> of a readable ELF file, for the output's own files and for those embedded in
/// a single-file bundle alike, so that both are judged on the same facts.
/// </summary>
internal static class ScannedElf
{
    /// <summary>
    /// Only a program or shared library that is not a separate debug-symbols file is ever mapped by the loader, so
    /// only its read-only data says what it may load at run time, and only it can be a bundle host.
    /// </summary>
    public static bool CanLoad(ElfFile elf) => !OutputScanner.IsDebugSymbolsFile(elf) && IsProgramOrLibrary(elf);

    /// <param name="fileName">The name the file is loaded by, left out of its run-time load candidates with its aliases.</param>
    /// <param name="scanData">Scans the file's read-only data (collecting glibc markers when asked); called only when it can be loaded.</param>
    /// <param name="container">The bundle host's relative path for an embedded file; null for a file of the output.</param>
    /// <param name="bundle">What was found inside the file when it is a single-file bundle host; otherwise null.</param>
    public static ScannedFile Create(
        ElfFile elf,
        string relativePath,
        string fullPath,
        long size,
        string fileName,
        IReadOnlyList<string> aliases,
        Func<bool, ReadOnlyDataScan> scanData,
        string? container,
        BundleScan? bundle)
    {
        var isDebugSymbols = OutputScanner.IsDebugSymbolsFile(elf);
        IReadOnlyList<string> candidates = [];
        IReadOnlyList<string> markers = [];
        string? note = null;
        if (!isDebugSymbols && IsProgramOrLibrary(elf))
        {
            var data = scanData(elf.IsFullyStatic);
            candidates = OutputScanner.WithoutOwnNames(data.SonameStrings, elf, fileName, aliases);
            markers = data.GlibcMarkers;
            note = data.Note;
        }

        return new ScannedFile
        {
            RelativePath = relativePath,
            FullPath = fullPath,
            Size = size,
            Elf = elf,
            Aliases = aliases,
            Container = container,
            RuntimeLoadCandidates = candidates,
            StaticGlibcMarkers = markers,
            IsDebugSymbols = isDebugSymbols,
            DataScanNote = note,
            Bundle = bundle?.Manifest,
            BundleError = bundle?.Error,
            BundleErrorOffset = bundle?.ErrorOffset,
            BundleNote = bundle is { UnsearchedCompressedAssemblies: > 0 }
                ? string.Format(CultureInfo.InvariantCulture, "{0} compressed assemblies were not searched for P/Invoke targets", bundle.UnsearchedCompressedAssemblies)
                : null,
        };
    }

    private static bool IsProgramOrLibrary(ElfFile elf) => elf.Type == ElfFileType.Executable || elf.Type == ElfFileType.SharedObject;
}
