using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Reporting;

/// <summary>
/// The table of <c>staticlink inspect</c> for a person: one row per file with the facts `file` and checksec show,
/// then indented lines for what `readelf -d` shows (interpreter, NEEDED, SONAME, RPATH, RUNPATH). Columns have fixed
/// widths so rows can be written as files are read; the path comes last because its length varies most. Files that
/// are not ELF get no row, only a count in the closing summary line.
/// </summary>
public sealed class InspectTextWriter : InspectWriter
{
    private static readonly Column[] Columns =
    [
        new("CLASS", 5),
        new("ENDIAN", 6),
        new("MACHINE", 8),
        new("TYPE", 4),
        new("LINKAGE", 10),
        new("LIBC", 7),
        new("GLIBC", 6),
        new("PIE", 3),
        new("RELRO", 7),
        new("NX", 3),
        new("NOW", 3),
        new("TEXTREL", 7),
        new("SYMBOLS", 8),
    ];

    private const string DetailIndent = "  ";
    private const int DetailLabelWidth = 13;

    private readonly StringBuilder _line = new();
    private long _elfCount;
    private long _notElfCount;
    private long _errorCount;

    public InspectTextWriter(TextWriter output)
        : base(output)
    {
    }

    public override void StartDocument()
    {
        var cells = new string[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            cells[i] = Columns[i].Title;
        }

        WriteRow(cells, "PATH");
    }

    public override void Write(ElfInspection inspection)
    {
        _ = inspection ?? throw new ArgumentNullException(nameof(inspection));
        switch (inspection.Kind)
        {
            case ElfInspectionKind.Elf when inspection.File is not null:
                _elfCount++;
                WriteElf(inspection.Path, inspection.File);
                break;
            case ElfInspectionKind.NotElf:
                // Most files of a directory are not ELF (assemblies, resources, text); the summary counts them.
                _notElfCount++;
                break;
            default:
                _errorCount++;
                WriteSpanningRow("error", inspection.Path);
                WriteDetail("error", InspectJsonWriter.DescribeError(inspection));
                break;
        }
    }

    public override void EndDocument()
    {
        var total = _elfCount + _notElfCount + _errorCount;
        Output.Write(string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1}: {2} ELF, {3} not ELF, {4} {5}\n",
            total,
            total == 1 ? "file" : "files",
            _elfCount,
            _notElfCount,
            _errorCount,
            _errorCount == 1 ? "error" : "errors"));
    }

    /// <summary>The highest GLIBC_x.y version the file needs from any library, or null when it needs none.</summary>
    public static string? MinimumGlibc(ElfFile elf)
    {
        _ = elf ?? throw new ArgumentNullException(nameof(elf));
        string? highest = null;
        foreach (var need in elf.VersionNeeds)
        {
            foreach (var version in need.Versions)
            {
                const string prefix = "GLIBC_";
                if (!version.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var number = version.Substring(prefix.Length);
                if (IsDottedNumber(number) && (highest is null || CompareDotted(number, highest) > 0))
                {
                    highest = number;
                }
            }
        }

        return highest;
    }

    private void WriteElf(string path, ElfFile elf)
    {
        string[] cells =
        [
            elf.Class switch { ElfClass.Elf32 => "32", ElfClass.Elf64 => "64", _ => "?" },
            ElfNames.Endianness(elf.Endianness),
            elf.MachineName,
            ElfNames.FileType(elf.Type),
            ElfNames.Linkage(elf.Linkage),
            ElfNames.Libc(elf.Libc),
            MinimumGlibc(elf) ?? "-",
            YesNo(elf.Pie),
            ElfNames.Relro(elf.Relro),
            YesNo(elf.Nx),
            YesNo(elf.BindNow),
            YesNo(elf.TextRel),
            elf.HasDebugInfo ? "debug" : elf.HasSymbolTable ? "symtab" : "stripped",
        ];
        WriteRow(cells, path);

        if (elf.Interpreter is not null)
        {
            WriteDetail("interpreter", elf.Interpreter);
        }

        WriteListDetail("needed", elf.Needed);
        if (elf.Soname is not null)
        {
            WriteDetail("soname", elf.Soname);
        }

        WriteListDetail("rpath", elf.Rpath);
        WriteListDetail("runpath", elf.Runpath);
    }

    private void WriteRow(string[] cells, string path)
    {
        _line.Clear();
        for (var i = 0; i < Columns.Length; i++)
        {
            _line.Append(cells[i]);
            // A value wider than its column still gets one space, so columns never run together.
            _line.Append(' ', Math.Max(1, Columns[i].Width + 2 - cells[i].Length));
        }

        _line.Append(path).Append('\n');
        Output.Write(_line.ToString());
    }

    private void WriteSpanningRow(string text, string path)
    {
        var width = 0;
        foreach (var column in Columns)
        {
            width += column.Width + 2;
        }

        _line.Clear();
        _line.Append(text).Append(' ', Math.Max(1, width - text.Length)).Append(path).Append('\n');
        Output.Write(_line.ToString());
    }

    private void WriteListDetail(string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        WriteDetail(label, string.Join(" ", ShowEmpty(values)));
    }

    private void WriteDetail(string label, string value)
    {
        _line.Clear();
        _line.Append(DetailIndent).Append(label).Append(' ', Math.Max(1, DetailLabelWidth - label.Length));
        _line.Append(value).Append('\n');
        Output.Write(_line.ToString());
    }

    // An empty RPATH element means the working directory; it must stay visible in the table.
    private static IEnumerable<string> ShowEmpty(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            yield return value.Length == 0 ? "\"\"" : value;
        }
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static bool IsDottedNumber(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[text.Length - 1] == '.')
        {
            return false;
        }

        foreach (var character in text)
        {
            if (character != '.' && (character < '0' || character > '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareDotted(string left, string right)
    {
        var leftParts = left.Split('.');
        var rightParts = right.Split('.');
        for (var i = 0; i < Math.Max(leftParts.Length, rightParts.Length); i++)
        {
            var leftPart = i < leftParts.Length ? ParsePart(leftParts[i]) : 0;
            var rightPart = i < rightParts.Length ? ParsePart(rightParts[i]) : 0;
            if (leftPart != rightPart)
            {
                return leftPart.CompareTo(rightPart);
            }
        }

        return 0;
    }

    // Parts longer than an int are absurd but possible in a hostile file; they compare as the largest value.
    private static long ParsePart(string part) =>
        long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;

    private readonly record struct Column(string Title, int Width);
}
