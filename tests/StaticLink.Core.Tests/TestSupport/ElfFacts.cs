using System.Globalization;
using System.Linq;
using System.Text;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Every property of an <see cref="ElfFile"/> as one text, so two reads can be compared whole and a mutated file's
/// result is fully touched (a lazily computed property that throws is caught here too).
/// </summary>
internal static class ElfFacts
{
    public static string Describe(ElfFile file)
    {
        var text = new StringBuilder();
        void Line(string name, object? value) => text.Append(name).Append(": ").Append(Format(value)).Append('\n');

        Line("class", file.Class);
        Line("endianness", file.Endianness);
        Line("machine", file.Machine);
        Line("machineName", file.MachineName);
        Line("type", file.Type);
        Line("osabi", file.OsAbi);
        Line("flags", file.Flags);
        Line("entry", file.Entry);
        Line("length", file.Length);
        foreach (var p in file.ProgramHeaders)
        {
            Line("phdr", $"{p.Type:x} {p.Flags:x} {p.Offset:x} {p.VirtualAddress:x} {p.FileSize:x} {p.MemorySize:x}");
        }

        foreach (var s in file.Sections)
        {
            Line("section", $"{s.Name} {s.Type:x} {s.Flags:x} {s.Address:x} {s.Offset:x} {s.Size:x} {s.Link} {s.EntrySize:x}");
        }

        Line("interpreter", file.Interpreter);
        Line("hasDynamic", file.HasDynamicTable);
        Line("needed", string.Join(",", file.Needed));
        Line("soname", file.Soname);
        Line("rpath", string.Join(":", file.Rpath));
        Line("runpath", string.Join(":", file.Runpath));
        Line("dtFlags", file.DynamicFlags);
        Line("dtFlags1", file.DynamicFlags1);
        Line("bindNowTag", file.HasBindNowTag);
        Line("textRelTag", file.HasTextRelTag);
        Line("debugTag", file.HasDebugTag);
        Line("versionNeeds", string.Join(";", file.VersionNeeds.Select(v => v.Library + "=" + string.Join(",", v.Versions))));
        Line("versionDefinitions", string.Join(",", file.VersionDefinitions));
        Line("versionedImports", string.Join(";", file.VersionedImports.Select(i => $"{i.Symbol}@{i.Library}:{i.Version}")));
        Line("buildId", file.BuildId);
        Line("symtab", file.HasSymbolTable);
        Line("debugInfo", file.HasDebugInfo);
        Line("stripped", file.Stripped);
        Line("linkage", ElfNames.Linkage(file.Linkage));
        Line("libc", ElfNames.Libc(file.Libc));
        Line("pie", file.Pie);
        Line("relro", ElfNames.Relro(file.Relro));
        Line("nx", file.Nx);
        Line("bindNow", file.BindNow);
        Line("textrel", file.TextRel);
        Line("fullyStatic", file.IsFullyStatic);
        Line("fileType", ElfNames.FileType(file.Type));
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "<null>",
        System.IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
