using System.Collections.Generic;

namespace StaticLink.Core.Elf;

/// <summary>
/// The facts that show which C library a file was built for (<see cref="LibcClassifier.Evidence"/>): the interpreter,
/// NEEDED entries only one libc has, and GLIBC_ version needs. Kept as a list so a finding can quote the evidence and
/// so the libraries quoted there are not reported a second time as unexpected.
/// </summary>
public sealed class LibcEvidence
{
    internal LibcEvidence(IReadOnlyList<string> glibc, IReadOnlyList<string> musl, IReadOnlyList<string> glibcNames, IReadOnlyList<string> muslNames)
    {
        Glibc = glibc;
        Musl = musl;
        GlibcNames = glibcNames;
        MuslNames = muslNames;
    }

    /// <summary>Human-readable facts that show glibc, e.g. "NEEDED libm.so.6, libc.so.6"; one entry per kind of fact.</summary>
    public IReadOnlyList<string> Glibc { get; }

    /// <summary>Human-readable facts that show musl.</summary>
    public IReadOnlyList<string> Musl { get; }

    /// <summary>Sonames and interpreter file names quoted as evidence of glibc.</summary>
    public IReadOnlyList<string> GlibcNames { get; }

    /// <summary>Sonames and interpreter file names quoted as evidence of musl.</summary>
    public IReadOnlyList<string> MuslNames { get; }
}
