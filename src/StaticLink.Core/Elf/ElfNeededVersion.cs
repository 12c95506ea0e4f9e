namespace StaticLink.Core.Elf;

/// <summary>A version a file needs (vna_name) and the library it needs it from (vn_file), by its version index.</summary>
internal sealed record ElfNeededVersion(string Library, string Version);
