namespace StaticLink.Core.Elf;

/// <summary>An undefined dynamic symbol: its name, and whether it is weak (a weak one left unresolved is no error).</summary>
public sealed record ElfSymbolReference(string Name, bool IsWeak);
