using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StaticLink.Core.Json;

/// <summary>
/// A JSON document the engine reads (a rules file, a target file, a runtimeconfig.json or deps.json), parsed by
/// <see cref="JsonDocument"/> the one way the engine parses JSON: comments and trailing commas allowed, because people
/// write these files by hand; nesting bounded by JsonDocument's default depth (64). JsonDocument keeps no positions,
/// so <see cref="Position"/> finds where a value starts by reading the text again, only when a message needs it.
/// </summary>
internal sealed class JsonSource : IDisposable
{
    /// <summary>Rules and target files are kilobytes, deps.json rarely a megabyte; anything near this is not one of them.</summary>
    public const int MaximumLength = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly byte[] _utf8;
    private readonly JsonDocument _document;

    private JsonSource(byte[] utf8, JsonDocument document)
    {
        _utf8 = utf8;
        _document = document;
    }

    public JsonElement Root => _document.RootElement;

    /// <summary>
    /// Parses <paramref name="text"/> (a leading byte order mark is allowed); null when it is not JSON, with
    /// <paramref name="problem"/> saying where and why: "line 2, column 25: '}' is an invalid start of a value".
    /// </summary>
    public static JsonSource? TryParse(string text, out string problem)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        }
        catch (EncoderFallbackException)
        {
            problem = "line 1, column 1: the text is not valid Unicode (it has a lone surrogate)";
            return null;
        }

        if (utf8.Length > MaximumLength)
        {
            problem = string.Format(CultureInfo.InvariantCulture, "line 1, column 1: the document is longer than {0} bytes", MaximumLength);
            return null;
        }

        if (string.IsNullOrWhiteSpace(text.Replace("\uFEFF", string.Empty)))
        {
            // JsonException says "The input does not contain any JSON tokens ... when isFinalBlock is true".
            problem = "line 1, column 1: the document is empty";
            return null;
        }

        try
        {
            problem = string.Empty;
            return new JsonSource(utf8, JsonDocument.Parse(utf8, DocumentOptions));
        }
        catch (JsonException exception)
        {
            // JsonException counts lines and bytes from 0; people and editors count both from 1, and columns in characters.
            var line = (int)(exception.LineNumber ?? 0);
            var lineStart = LineStart(utf8, line);
            var bytes = (int)Math.Min(exception.BytePositionInLine ?? 0, utf8.Length - lineStart);
            problem = Describe(line + 1, ColumnOf(utf8, lineStart, lineStart + bytes), Reason(exception));
            return null;
        }
    }

    /// <summary>"a string", "an array", ... for messages about a value of the wrong kind.</summary>
    public static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>The member of that name (the last one, when a name repeats), or null; null too when <paramref name="owner"/> is no object.</summary>
    public static JsonElement? Member(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) ? value : null;

    /// <summary>The pointer (RFC 6901) of a member of the value at <paramref name="pointer"/>; "" is the document.</summary>
    public static string Child(string pointer, string name) => pointer + "/" + name.Replace("~", "~0").Replace("/", "~1");

    /// <summary>The pointer (RFC 6901) of an item of the array at <paramref name="pointer"/>.</summary>
    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>"line 3, column 12": where the value at <paramref name="pointer"/> starts (the last one, when a name repeats).</summary>
    public string Position(string pointer)
    {
        var start = StartOf(pointer ?? string.Empty);
        var line = 0;
        var lineStart = 0;
        for (var index = 0; index < start; index++)
        {
            if (_utf8[index] == (byte)'\n')
            {
                line++;
                lineStart = index + 1;
            }
        }

        return Describe(line + 1, ColumnOf(_utf8, lineStart, start), null);
    }

    public void Dispose() => _document.Dispose();

    private int StartOf(string wanted)
    {
        // One frame per open object or array: its pointer, and the pointer its next value will have.
        var pointers = new System.Collections.Generic.List<string>();
        var nextItems = new System.Collections.Generic.List<int>();
        var propertyName = string.Empty;
        var found = 0;
        var reader = new Utf8JsonReader(_utf8, ReaderOptions);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                propertyName = reader.GetString() ?? string.Empty;
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                pointers.RemoveAt(pointers.Count - 1);
                nextItems.RemoveAt(nextItems.Count - 1);
                continue;
            }

            var depth = pointers.Count;
            string pointer;
            if (depth == 0)
            {
                pointer = string.Empty;
            }
            else if (nextItems[depth - 1] >= 0)
            {
                pointer = Child(pointers[depth - 1], nextItems[depth - 1]++);
            }
            else
            {
                pointer = Child(pointers[depth - 1], propertyName);
            }

            if (string.Equals(pointer, wanted, StringComparison.Ordinal))
            {
                found = (int)reader.TokenStartIndex;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                pointers.Add(pointer);
                nextItems.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
            }
        }

        return found;
    }

    private static int LineStart(byte[] utf8, int line)
    {
        var start = 0;
        for (var index = 0; index < utf8.Length && line > 0; index++)
        {
            if (utf8[index] == (byte)'\n')
            {
                line--;
                start = index + 1;
            }
        }

        return start;
    }

    private static int ColumnOf(byte[] utf8, int lineStart, int offset) =>
        Encoding.UTF8.GetCharCount(utf8, lineStart, Math.Max(0, offset - lineStart)) + 1;

    // "'}' is an invalid start of a value. LineNumber: 1 | BytePositionInLine: 24." -> "'}' is an invalid start of a value".
    private static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position < 0)
        {
            position = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        var reason = (position < 0 ? message : message.Substring(0, position)).Trim();
        return reason.Length > 0 && reason[reason.Length - 1] == '.' ? reason.Substring(0, reason.Length - 1) : reason;
    }

    private static string Describe(int line, int column, string? reason)
    {
        var where = string.Format(CultureInfo.InvariantCulture, "line {0}, column {1}", line, column);
        return reason is null ? where : where + ": " + reason;
    }
}
