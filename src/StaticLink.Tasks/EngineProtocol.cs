using System.Collections.Generic;
using System.Text;

namespace StaticLink.Tasks;

/// <summary>
/// The lines the task and the engine process (<see cref="EngineProcessClient"/>, <see cref="EngineProcessServer"/>)
/// exchange over standard input and output, one record per line: a kind, then fields separated by tabs. A field
/// escapes backslash, tab, line feed and carriage return with a backslash, and null is the field "\0", so that a
/// message of several lines or an unset value crosses unchanged.
/// <para>
/// Task to process: <see cref="Version"/> first, then <see cref="Parameter"/> (name, value), <see cref="Item"/> (name,
/// item spec, then metadata name and value pairs), <see cref="ProjectFile"/> (the build engine's project file) and
/// <see cref="Code"/> (the task's assembly files, which the stamp fingerprints).
/// Process to task: <see cref="Error"/>, <see cref="Warning"/> and <see cref="Message"/> as MSBuild would log them,
/// <see cref="Output"/> (name, value), <see cref="Stamp"/> (file, fingerprint) and, last, <see cref="Done"/>; a run
/// that ends without <see cref="Done"/> failed, whatever it wrote before.
/// </para>
/// </summary>
internal static class EngineProtocol
{
    /// <summary>Changes whenever a record changes; task and process come from the same package, so they always agree.</summary>
    public const string Version = "staticlink-engine 1";

    public const string Parameter = "P";
    public const string Item = "I";
    public const string ProjectFile = "T";
    public const string Code = "C";
    public const string Error = "E";
    public const string Warning = "W";
    public const string Message = "M";
    public const string Output = "O";
    public const string Stamp = "S";
    public const string Done = "D";

    /// <summary>The failure the process reports instead of <see cref="Done"/>: the exception it caught.</summary>
    public const string Failed = "F";

    private const string NullField = "\\0";

    /// <summary>One record, ending with a line feed.</summary>
    public static void Append(StringBuilder line, string kind, params string?[] fields)
    {
        line.Append(kind);
        foreach (var field in fields)
        {
            line.Append('\t');
            AppendField(line, field);
        }

        line.Append('\n');
    }

    /// <summary>The kind and fields of one line (without its line feed).</summary>
    public static string?[] Split(string line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var isNull = false;
        for (var index = 0; index < line.Length; index++)
        {
            var character = line[index];
            if (character == '\t')
            {
                fields.Add(isNull ? null : field.ToString());
                field.Clear();
                isNull = false;
                continue;
            }

            if (character != '\\' || index + 1 == line.Length)
            {
                field.Append(character);
                continue;
            }

            index++;
            switch (line[index])
            {
                case 't':
                    field.Append('\t');
                    break;
                case 'n':
                    field.Append('\n');
                    break;
                case 'r':
                    field.Append('\r');
                    break;
                case '0':
                    isNull = true;
                    break;
                default:
                    field.Append(line[index]);
                    break;
            }
        }

        fields.Add(isNull ? null : field.ToString());
        return fields.ToArray();
    }

    private static void AppendField(StringBuilder line, string? field)
    {
        if (field is null)
        {
            line.Append(NullField);
            return;
        }

        foreach (var character in field)
        {
            switch (character)
            {
                case '\\':
                    line.Append("\\\\");
                    break;
                case '\t':
                    line.Append("\\t");
                    break;
                case '\n':
                    line.Append("\\n");
                    break;
                case '\r':
                    line.Append("\\r");
                    break;
                default:
                    line.Append(character);
                    break;
            }
        }
    }
}
