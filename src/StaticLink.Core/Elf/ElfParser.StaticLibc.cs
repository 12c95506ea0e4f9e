using System.Text;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    // A static binary's symbol names take kilobytes to a few megabytes; beyond this the search gives up (no verdict).
    private const ulong MaximumSymbolNameBytes = 16UL << 20;
    private const int SymbolNameChunk = 64 * 1024;

    // Start-up functions each C library keeps under its own name; searched with the NULs around them, so only a whole
    // symbol name matches.
    private static readonly byte[][] MuslStartupSymbols = [Encoding.ASCII.GetBytes("\0__init_libc\0"), Encoding.ASCII.GetBytes("\0__libc_start_init\0")];
    private static readonly byte[][] GlibcStartupSymbols = [Encoding.ASCII.GetBytes("\0__libc_setup_tls\0"), Encoding.ASCII.GetBytes("\0_dl_relocate_static_pie\0")];

    /// <summary>
    /// A static file names no loader, library or symbol version, so its C library is judged from what the start-up code
    /// leaves behind: glibc's crt1.o adds the NT_GNU_ABI_TAG note ("for GNU/Linux 3.2.0"), musl's start-up functions
    /// keep their names in .symtab. A stripped static musl binary keeps nothing: None, and
    /// <see cref="LibcClassifier.Classify"/> decides what that means.
    /// </summary>
    private LibcFlavor StaticLibcTraces()
    {
        if (FindGnuNote(NT_GNU_ABI_TAG) is not null)
        {
            return LibcFlavor.Glibc;
        }

        ElfSection? symbols = null;
        foreach (var section in _sections)
        {
            if (section.Type == SHT_SYMTAB)
            {
                symbols = section.ToSection();
                break;
            }
        }

        if (symbols is null || symbols.Link >= (uint)_sections.Count)
        {
            return LibcFlavor.None;
        }

        var names = _sections[(int)symbols.Link];
        if (names.Type != SHT_STRTAB || names.Size > MaximumSymbolNameBytes || !_source.Contains(names.Offset, names.Size))
        {
            return LibcFlavor.None;
        }

        return ContainsAny(names.Offset, names.Size, MuslStartupSymbols) ? LibcFlavor.Musl
            : ContainsAny(names.Offset, names.Size, GlibcStartupSymbols) ? LibcFlavor.Glibc
            : LibcFlavor.None;
    }

    /// <summary>Searches a region chunk by chunk; consecutive chunks overlap so that a name across a boundary is found.</summary>
    private bool ContainsAny(ulong offset, ulong size, byte[][] needles)
    {
        var longest = 0;
        foreach (var needle in needles)
        {
            longest = needle.Length > longest ? needle.Length : longest;
        }

        var overlap = (ulong)longest - 1;

        for (var start = 0UL; start < size; start += SymbolNameChunk - overlap)
        {
            var length = size - start < SymbolNameChunk ? size - start : SymbolNameChunk;
            var chunk = _source.Read(offset + start, length, "symbol names");
            foreach (var needle in needles)
            {
                if (ByteSearch.IndexOf(chunk, chunk.Length, needle) >= 0)
                {
                    return true;
                }
            }

            if (start + length >= size)
            {
                break;
            }
        }

        return false;
    }
}
