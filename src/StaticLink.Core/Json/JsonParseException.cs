using System;
using System.Globalization;

namespace StaticLink.Core.Json;

/// <summary>Malformed JSON: where (1-based line and column) and why.</summary>
public sealed class JsonParseException : Exception
{
    public JsonParseException()
        : this(1, 1, "malformed JSON")
    {
    }

    public JsonParseException(string message)
        : this(1, 1, message)
    {
    }

    public JsonParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Reason = message;
    }

    public JsonParseException(int line, int column, string reason)
        : base(string.Format(CultureInfo.InvariantCulture, "line {0}, column {1}: {2}", line, column, reason))
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; } = string.Empty;
}
