namespace StaticLink.Core.Elf;

/// <summary>checksec's RELRO: partial is PT_GNU_RELRO alone, full adds immediate binding.</summary>
public enum RelroLevel
{
    None,
    Partial,
    Full,
}
