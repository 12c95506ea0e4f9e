using System;
using System.Collections.Generic;

namespace StaticLink.Core.Elf;

/// <summary>
/// The one place that decides which C library a file was built against: the flavour the reader stores
/// (<see cref="Classify"/>), the facts a finding quotes (<see cref="Evidence"/>), and the flavour a report names
/// (<see cref="Reported"/>), all from the same tables of loaders and sonames.
/// </summary>
public static class LibcClassifier
{
    // glibc's own sonames; musl folds all of them into its single libc.
    private static readonly string[] GlibcOnlyLibraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libanl.so.1", "libnsl.so.1",
    ];

    /// <summary>
    /// In auditwheel's order of trust: the interpreter, then the NEEDED names, then the version names it needs. A
    /// static file names none of them, so <paramref name="staticTraces"/> (what its start-up code leaves behind) decides;
    /// a static file without traces still has a C library, so it is Unknown, never None.
    /// </summary>
    public static LibcFlavor Classify(ElfFile file, Func<LibcFlavor>? staticTraces = null)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var flavor = FromDynamicFacts(file);
        if (flavor == LibcFlavor.None && file.Linkage is ElfLinkage.Static or ElfLinkage.StaticPie && staticTraces is not null)
        {
            var traces = staticTraces();
            return traces == LibcFlavor.None ? LibcFlavor.Unknown : traces;
        }

        return flavor;
    }

    /// <summary>
    /// The flavour a report names: the evidence when it points one way only, glibc when the scanner found static glibc
    /// markers in the file's data, else what the reader decided.
    /// </summary>
    public static LibcFlavor Reported(ElfFile file, LibcEvidence evidence, bool hasStaticGlibcMarkers)
    {
        if (file is null || evidence is null)
        {
            throw new ArgumentNullException(file is null ? nameof(file) : nameof(evidence));
        }

        if (evidence.Glibc.Count > 0 && evidence.Musl.Count == 0)
        {
            return LibcFlavor.Glibc;
        }

        if (evidence.Musl.Count > 0 && evidence.Glibc.Count == 0)
        {
            return LibcFlavor.Musl;
        }

        return hasStaticGlibcMarkers ? LibcFlavor.Glibc : file.Libc;
    }

    /// <summary>The facts that show glibc or musl, each quoted the way a finding names it.</summary>
    public static LibcEvidence Evidence(ElfFile file)
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
            if (IsGlibcLoader(name))
            {
                glibc.Add("interpreter " + file.Interpreter);
                glibcNames.Add(name);
            }
            else if (IsMuslLoader(name))
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
            else if (IsMuslLibrary(needed) && !(needed == "libc.so" && IsAndroid(file)))
            {
                muslNeeded.Add(needed);
            }
        }

        AddNeeded(glibcNeeded, glibc, glibcNames);
        AddNeeded(muslNeeded, musl, muslNames);

        var newestGlibc = NewestGlibcVersionNeed(file);
        if (newestGlibc is not null)
        {
            glibc.Add("version need " + newestGlibc);
        }

        return new LibcEvidence(glibc, musl, glibcNames, muslNames);
    }

    /// <summary>The flavour a PT_INTERP path implies; None when the path says nothing.</summary>
    public static LibcFlavor FromInterpreter(string interpreter)
    {
        var name = ForwardSlashPath.FileName(interpreter);
        if (IsMuslLoader(name))
        {
            return LibcFlavor.Musl;
        }

        if (IsGlibcLoader(name))
        {
            return LibcFlavor.Glibc;
        }

        if (interpreter.StartsWith("/system/bin/linker", StringComparison.Ordinal) || interpreter.StartsWith("/apex/", StringComparison.Ordinal))
        {
            return LibcFlavor.Bionic;
        }

        return LibcFlavor.Unknown;
    }

    /// <summary>The flavour a NEEDED soname implies; None for ordinary libraries.</summary>
    public static LibcFlavor FromSoname(string soname, ElfFile? file = null)
    {
        if (soname == "libc.so.6" || soname.StartsWith("ld-linux", StringComparison.Ordinal) || soname.StartsWith("ld64.so.", StringComparison.Ordinal))
        {
            return LibcFlavor.Glibc;
        }

        if (soname.StartsWith("libc.musl-", StringComparison.Ordinal) || soname.StartsWith("ld-musl-", StringComparison.Ordinal))
        {
            return LibcFlavor.Musl;
        }

        if (soname == "libc.so")
        {
            return file is not null && IsAndroid(file) ? LibcFlavor.Bionic : LibcFlavor.Musl;
        }

        if (soname.StartsWith("libc.so.", StringComparison.Ordinal))
        {
            return LibcFlavor.Unknown;
        }

        return LibcFlavor.None;
    }

    /// <summary>The C library itself when it is among the names, so findings name libc.so.6 rather than libm.so.6.</summary>
    public static string? MainLibrary(IReadOnlyList<string> names)
    {
        if (names is null)
        {
            throw new ArgumentNullException(nameof(names));
        }

        foreach (var name in names)
        {
            if (name == "libc.so.6" || name == "libc.so" || name.StartsWith("libc.musl-", StringComparison.Ordinal))
            {
                return name;
            }
        }

        return names.Count > 0 ? names[0] : null;
    }

    /// <summary>A soname only glibc has (its libc, libm, libdl, ... and its loaders).</summary>
    public static bool IsGlibcLibrary(string soname) => Array.IndexOf(GlibcOnlyLibraries, soname) >= 0 || IsGlibcLoader(soname);

    /// <summary>Alpine's libc.musl-&lt;arch&gt;.so.1, musl's own soname libc.so, and its loader.</summary>
    public static bool IsMuslLibrary(string soname) =>
        soname == "libc.so"
        || (soname.StartsWith("libc.musl-", StringComparison.Ordinal) && soname.EndsWith(".so.1", StringComparison.Ordinal))
        || IsMuslLoader(soname);

    /// <summary>ld-linux-*.so.N, ld64.so.N (s390x, ppc64) and ld.so.1 (32-bit PowerPC, MIPS) are glibc's loaders.</summary>
    public static bool IsGlibcLoader(string fileName) =>
        fileName.StartsWith("ld-linux", StringComparison.Ordinal)
        || fileName.StartsWith("ld64.so.", StringComparison.Ordinal)
        || fileName == "ld.so.1";

    /// <summary>ld-musl-&lt;arch&gt;.so.1.</summary>
    public static bool IsMuslLoader(string fileName) => fileName.StartsWith("ld-musl-", StringComparison.Ordinal);

    private static LibcFlavor FromDynamicFacts(ElfFile file)
    {
        if (file.Interpreter is not null)
        {
            var fromInterpreter = FromInterpreter(file.Interpreter);
            if (fromInterpreter != LibcFlavor.None)
            {
                return fromInterpreter;
            }
        }

        var fromNeeded = LibcFlavor.None;
        foreach (var needed in file.Needed)
        {
            var flavor = FromSoname(needed, file);
            if (flavor != LibcFlavor.None && flavor != LibcFlavor.Unknown)
            {
                return flavor;
            }

            if (flavor == LibcFlavor.Unknown)
            {
                fromNeeded = flavor;
            }
        }

        foreach (var need in file.VersionNeeds)
        {
            foreach (var version in need.Versions)
            {
                if (version.StartsWith("GLIBC_", StringComparison.Ordinal))
                {
                    return LibcFlavor.Glibc;
                }
            }
        }

        if (fromNeeded != LibcFlavor.None)
        {
            return fromNeeded;
        }

        // An interpreter nobody recognises is still a C library of some kind.
        return file.Interpreter is null ? LibcFlavor.None : LibcFlavor.Unknown;
    }

    // musl's libc and Android's bionic share the soname libc.so; Android objects carry an .note.android.ident section.
    private static bool IsAndroid(ElfFile file) => file.FindSection(".note.android.ident") is not null;

    private static string? NewestGlibcVersionNeed(ElfFile file)
    {
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

        return newestGlibc;
    }

    private static void AddNeeded(List<string> needed, List<string> facts, List<string> names)
    {
        if (needed.Count > 0)
        {
            facts.Add("NEEDED " + string.Join(", ", needed));
            names.AddRange(needed);
        }
    }
}
