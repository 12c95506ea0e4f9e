using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticLink.Core.Json;

/// <summary>
/// A small streaming JSON writer with two-space indentation, kept for <c>inspect --format json</c>, where
/// <see cref="System.Text.Json.Utf8JsonWriter"/> measured more than 5% slower (see <see cref="InspectJsonWriter"/>),
/// and for the SARIF log until it moves to Utf8JsonWriter as the report and target files have (<see cref="JsonOutput"/>).
/// </summary>
public sealed class JsonWriter
{
    private readonly TextWriter _output;
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonWriter(TextWriter output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
    }

    public void StartObject()
    {
        BeforeValue();
        _output.Write('{');
        _hasItems.Push(false);
    }

    public void EndObject() => End('}');

    public void StartArray()
    {
        BeforeValue();
        _output.Write('[');
        _hasItems.Push(false);
    }

    public void EndArray() => End(']');

    public void Name(string name)
    {
        BeforeValue();
        WriteString(name);
        _output.Write(": ");
        _afterName = true;
    }

    public void Value(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            _output.Write("null");
        }
        else
        {
            WriteString(value);
        }
    }

    public void Value(bool value)
    {
        BeforeValue();
        _output.Write(value ? "true" : "false");
    }

    public void Value(long value)
    {
        BeforeValue();
        _output.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Null()
    {
        BeforeValue();
        _output.Write("null");
    }

    public void Property(string name, string? value)
    {
        Name(name);
        Value(value);
    }

    public void Property(string name, bool value)
    {
        Name(name);
        Value(value);
    }

    public void Property(string name, long value)
    {
        Name(name);
        Value(value);
    }

    public void StringArray(string name, IEnumerable<string> values)
    {
        Name(name);
        StartArray();
        foreach (var value in values)
        {
            Value(value);
        }

        EndArray();
    }

    /// <summary>Escapes a string as JSON requires: quotes, backslashes and every control character.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        foreach (var character in value)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (character < 0x20 || character == '\u2028' || character == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(character);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private void WriteString(string value)
    {
        _output.Write('"');

        // Most names and values need no escaping; writing them as they are spares a copy per string.
        _output.Write(NeedsEscape(value) ? Escape(value) : value);
        _output.Write('"');
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var character in value)
        {
            if (character < 0x20 || character == '"' || character == '\\' || character == '\u2028' || character == '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Peek())
        {
            _output.Write(',');
        }
        else
        {
            _hasItems.Pop();
            _hasItems.Push(true);
        }

        _output.Write('\n');
        WriteIndent(_hasItems.Count);
    }

    private void End(char closer)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            _output.Write('\n');
            WriteIndent(_hasItems.Count);
        }

        _output.Write(closer);
    }

    private void WriteIndent(int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            _output.Write("  ");
        }
    }
}
