namespace StaticLink.Core.Elf;

/// <summary>An undefined dynamic symbol bound to a needed version, e.g. getrandom from libc.so.6 at GLIBC_2.25.</summary>
public sealed record ElfVersionedImport(string Symbol, string Library, string Version);
