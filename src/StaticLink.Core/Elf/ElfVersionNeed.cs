using System.Collections.Generic;

namespace StaticLink.Core.Elf;

/// <summary>One Verneed entry: a library and the version names (e.g. GLIBC_2.34) this file needs from it, in file order.</summary>
public sealed record ElfVersionNeed(string Library, IReadOnlyList<string> Versions);
