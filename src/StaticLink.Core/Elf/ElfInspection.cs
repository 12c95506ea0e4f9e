namespace StaticLink.Core.Elf;

/// <summary>The answer for one path: an ELF file's facts, "not ELF", or an error with its reason (and offset for malformed files).</summary>
public sealed record ElfInspection(string Path, ElfInspectionKind Kind, ElfFile? File, string? Error, long? ErrorOffset)
{
    public static ElfInspection ForElf(string path, ElfFile file) => new(path, ElfInspectionKind.Elf, file, null, null);

    public static ElfInspection ForNotElf(string path) => new(path, ElfInspectionKind.NotElf, null, null, null);

    public static ElfInspection ForError(string path, string error, long? offset = null) => new(path, ElfInspectionKind.Error, null, error, offset);
}
