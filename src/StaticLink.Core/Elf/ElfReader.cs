using System;
using System.IO;

namespace StaticLink.Core.Elf;

/// <summary>
/// Reads the facts of an ELF file. Malformed input raises <see cref="ElfFormatException"/> and nothing else;
/// I/O problems (missing file, no permission) raise the usual <see cref="IOException"/> family from the Read methods
/// and become an error answer from <see cref="Inspect"/>, which never throws.
/// </summary>
public static class ElfReader
{
    /// <summary>True when the first four bytes of the file are 0x7f 'E' 'L' 'F'.</summary>
    public static bool HasElfMagic(string path) => throw new NotImplementedException();

    public static ElfFile Read(string path) => throw new NotImplementedException();

    /// <summary>Reads from a seekable stream; only the parts that are needed are read.</summary>
    public static ElfFile Read(Stream stream) => throw new NotImplementedException();

    public static ElfFile Read(byte[] bytes) => throw new NotImplementedException();

    public static bool TryRead(string path, out ElfFile? file, out ElfFormatException? error) => throw new NotImplementedException();

    /// <summary>Answers for any path: ELF facts, not ELF, or an error (directory, unreadable, malformed, dangling symlink).</summary>
    public static ElfInspection Inspect(string path) => throw new NotImplementedException();
}
