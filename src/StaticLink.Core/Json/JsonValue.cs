using System;
using System.Collections.Generic;

namespace StaticLink.Core.Json;

/// <summary>
/// One parsed JSON value with the line and column it started at, so that a schema error in a rules file can point
/// at the value, not only at the file. Object members keep their order; numbers keep their text.
/// </summary>
public sealed class JsonValue
{
    private JsonValue(JsonValueKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonValueKind Kind { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the value's first character.</summary>
    public int Column { get; }

    /// <summary>The string's value, or the number's text as written.</summary>
    public string? Text { get; private set; }

    public bool Boolean { get; private set; }

    public IReadOnlyList<JsonValue> Items { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; private set; } = [];

    /// <summary>"string", "number", "an object", ... for error messages.</summary>
    public string KindName => Kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Boolean => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>The last member of that name (as most JSON readers do), or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            JsonValue? found = null;
            foreach (var member in Members)
            {
                if (string.Equals(member.Key, name, StringComparison.Ordinal))
                {
                    found = member.Value;
                }
            }

            return found;
        }
    }

    internal static JsonValue Null(int line, int column) => new(JsonValueKind.Null, line, column);

    internal static JsonValue FromBoolean(bool value, int line, int column) => new(JsonValueKind.Boolean, line, column) { Boolean = value };

    internal static JsonValue FromNumber(string text, int line, int column) => new(JsonValueKind.Number, line, column) { Text = text };

    internal static JsonValue FromString(string text, int line, int column) => new(JsonValueKind.String, line, column) { Text = text };

    internal static JsonValue FromItems(IReadOnlyList<JsonValue> items, int line, int column) => new(JsonValueKind.Array, line, column) { Items = items };

    internal static JsonValue FromMembers(IReadOnlyList<KeyValuePair<string, JsonValue>> members, int line, int column) =>
        new(JsonValueKind.Object, line, column) { Members = members };
}
