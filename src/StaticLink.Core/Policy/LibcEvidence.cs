using System;
using System.Collections.Generic;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Policy;

/// <summary>
/// Which C library a file was built for, with the facts that show it: the interpreter, NEEDED entries only one
/// libc has, and GLIBC_ version needs. Kept as a list so a finding can quote the evidence and so the libraries
/// quoted there are not reported a second time as unexpected.
/// </summary>
public sealed class LibcEvidence
{
    // glibc's own sonames; musl folds all of them into its single libc.
    private static readonly string[] GlibcOnlyLibraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libanl.so.1", "libnsl.so.1",
    ];

    private LibcEvidence()
    {
    }

    /// <summary>Human-readable facts that show glibc, e.g. "NEEDED libm.so.6, libc.so.6"; one entry per kind of fact.</summary>
    public IReadOnlyList<string> Glibc { get; private set; } = [];

    /// <summary>Human-readable facts that show musl.</summary>
    public IReadOnlyList<string> Musl { get; private set; } = [];

    /// <summary>Sonames and interpreter file names quoted as evidence of glibc.</summary>
    public IReadOnlyList<string> GlibcNames { get; private set; } = [];

    /// <summary>Sonames and interpreter file names quoted as evidence of musl.</summary>
    public IReadOnlyList<string> MuslNames { get; private set; } = [];

    public static LibcEvidence Of(ElfFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var glibc = new List<string>();
        var musl = new List<string>();
        var glibcNames = new List<string>();
        var muslNames = new List<string>();

        if (file.Interpreter is not null)
        {
            var name = ForwardSlashPath.FileName(file.Interpreter);
            if (LibcClassifier.IsGlibcLoader(name))
            {
                glibc.Add("interpreter " + file.Interpreter);
                glibcNames.Add(name);
            }
            else if (LibcClassifier.IsMuslLoader(name))
            {
                musl.Add("interpreter " + file.Interpreter);
                muslNames.Add(name);
            }
        }

        var glibcNeeded = new List<string>();
        var muslNeeded = new List<string>();
        foreach (var needed in file.Needed)
        {
            if (IsGlibcLibrary(needed))
            {
                glibcNeeded.Add(needed);
            }
            else if (IsMuslLibrary(needed) && !(needed == "libc.so" && file.FindSection(".note.android.ident") is not null))
            {
                muslNeeded.Add(needed);
            }
        }

        AddNeeded(glibcNeeded, glibc, glibcNames);
        AddNeeded(muslNeeded, musl, muslNames);

        string? newestGlibc = null;
        VersionNumber? newest = null;
        foreach (var need in file.VersionNeeds)
        {
            foreach (var version in need.Versions)
            {
                if (!version.StartsWith("GLIBC_", StringComparison.Ordinal))
                {
                    continue;
                }

                if (VersionNumber.TrySplitSymbolVersion(version, out var prefix, out var number) && prefix == "GLIBC")
                {
                    if (newest is null || number! > newest)
                    {
                        newest = number;
                        newestGlibc = version;
                    }
                }
                else
                {
                    newestGlibc ??= version;
                }
            }
        }

        if (newestGlibc is not null)
        {
            glibc.Add("version need " + newestGlibc);
        }

        return new LibcEvidence { Glibc = glibc, Musl = musl, GlibcNames = glibcNames, MuslNames = muslNames };
    }

    /// <summary>The C library itself when it is among the names, so findings name libc.so.6 rather than libm.so.6.</summary>
    public static string? MainLibrary(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (name == "libc.so.6" || name == "libc.so" || name.StartsWith("libc.musl-", StringComparison.Ordinal))
            {
                return name;
            }
        }

        return names.Count > 0 ? names[0] : null;
    }

    private static void AddNeeded(List<string> needed, List<string> facts, List<string> names)
    {
        if (needed.Count > 0)
        {
            facts.Add("NEEDED " + string.Join(", ", needed));
            names.AddRange(needed);
        }
    }

    public static bool IsGlibcLibrary(string soname) => Array.IndexOf(GlibcOnlyLibraries, soname) >= 0 || LibcClassifier.IsGlibcLoader(soname);

    /// <summary>Alpine's libc.musl-&lt;arch&gt;.so.1, musl's own soname libc.so, and its loader.</summary>
    public static bool IsMuslLibrary(string soname) =>
        soname == "libc.so"
        || (soname.StartsWith("libc.musl-", StringComparison.Ordinal) && soname.EndsWith(".so.1", StringComparison.Ordinal))
        || LibcClassifier.IsMuslLoader(soname);
}
