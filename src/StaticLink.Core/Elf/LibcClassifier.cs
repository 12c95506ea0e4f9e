using System;

namespace StaticLink.Core.Elf;

/// <summary>
/// Decides which C library a file was built against, in auditwheel's order of trust: the interpreter, then the
/// NEEDED names, then the version names it needs.
/// </summary>
public static class LibcClassifier
{
    public static LibcFlavor Classify(ElfFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

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
            // musl's libc and Android's bionic share the soname; Android objects carry an .note.android.ident section.
            return file?.FindSection(".note.android.ident") is not null ? LibcFlavor.Bionic : LibcFlavor.Musl;
        }

        if (soname.StartsWith("libc.so.", StringComparison.Ordinal))
        {
            return LibcFlavor.Unknown;
        }

        return LibcFlavor.None;
    }

    /// <summary>ld-linux-*.so.N, ld64.so.N (s390x, ppc64) and ld.so.1 (32-bit PowerPC, MIPS) are glibc's loaders.</summary>
    public static bool IsGlibcLoader(string fileName) =>
        fileName.StartsWith("ld-linux", StringComparison.Ordinal)
        || fileName.StartsWith("ld64.so.", StringComparison.Ordinal)
        || fileName == "ld.so.1";

    /// <summary>ld-musl-&lt;arch&gt;.so.1.</summary>
    public static bool IsMuslLoader(string fileName) => fileName.StartsWith("ld-musl-", StringComparison.Ordinal);
}
