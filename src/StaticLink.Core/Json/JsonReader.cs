using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticLink.Core.Json;

/// <summary>
/// A strict recursive-descent JSON parser (RFC 8259) for the rules file: dependency-free like <see cref="JsonWriter"/>,
/// bounded in nesting depth and input size, and precise about where the input goes wrong.
/// </summary>
public sealed class JsonReader
{
    /// <summary>Rules files are a few kilobytes; anything near this is not a rules file.</summary>
    public const int MaximumLength = 4 * 1024 * 1024;

    public const int MaximumDepth = 64;

    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;
    private int _depth;

    private JsonReader(string text)
    {
        _text = text;
    }

    /// <summary>Parses one JSON document; a leading byte order mark is allowed. Throws <see cref="JsonParseException"/>.</summary>
    public static JsonValue Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (text.Length > MaximumLength)
        {
            throw new JsonParseException(1, 1, string.Format(CultureInfo.InvariantCulture, "the document is longer than {0} characters", MaximumLength));
        }

        var reader = new JsonReader(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._position = 1;
            reader._lineStart = 1;
        }

        reader.SkipWhitespace();
        if (reader.AtEnd)
        {
            throw reader.Error("the document is empty");
        }

        var value = reader.ReadValue();
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected {reader.Describe()} after the end of the document");
        }

        return value;
    }

    private bool AtEnd => _position >= _text.Length;

    private int Column => _position - _lineStart + 1;

    private JsonValue ReadValue()
    {
        if (AtEnd)
        {
            throw Error("unexpected end of the document, expected a value");
        }

        var line = _line;
        var column = Column;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(line, column);
            case '[':
                return ReadArray(line, column);
            case '"':
                return JsonValue.FromString(ReadString(), line, column);
            case 't':
                ExpectWord("true");
                return JsonValue.FromBoolean(true, line, column);
            case 'f':
                ExpectWord("false");
                return JsonValue.FromBoolean(false, line, column);
            case 'n':
                ExpectWord("null");
                return JsonValue.Null(line, column);
            default:
                var character = _text[_position];
                if (character == '-' || (character >= '0' && character <= '9'))
                {
                    return JsonValue.FromNumber(ReadNumber(), line, column);
                }

                throw Error($"unexpected {Describe()}, expected a value");
        }
    }

    private JsonValue ReadObject(int line, int column)
    {
        Enter();
        _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (!AtEnd && _text[_position] == '}')
        {
            _position++;
            _depth--;
            return JsonValue.FromMembers(members, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            if (AtEnd || _text[_position] != '"')
            {
                throw Error(AtEnd ? "unexpected end of the document inside an object" : $"unexpected {Describe()}, expected a property name in double quotes");
            }

            var name = ReadString();
            SkipWhitespace();
            if (AtEnd || _text[_position] != ':')
            {
                throw Error(AtEnd ? "unexpected end of the document inside an object" : $"unexpected {Describe()}, expected ':' after the property name");
            }

            _position++;
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue()));
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of the document inside an object, expected ',' or '}'");
            }

            if (_text[_position] == ',')
            {
                _position++;
                continue;
            }

            if (_text[_position] == '}')
            {
                _position++;
                _depth--;
                return JsonValue.FromMembers(members, line, column);
            }

            throw Error($"unexpected {Describe()}, expected ',' or '}}'");
        }
    }

    private JsonValue ReadArray(int line, int column)
    {
        Enter();
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (!AtEnd && _text[_position] == ']')
        {
            _position++;
            _depth--;
            return JsonValue.FromItems(items, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue());
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of the document inside an array, expected ',' or ']'");
            }

            if (_text[_position] == ',')
            {
                _position++;
                continue;
            }

            if (_text[_position] == ']')
            {
                _position++;
                _depth--;
                return JsonValue.FromItems(items, line, column);
            }

            throw Error($"unexpected {Describe()}, expected ',' or ']'");
        }
    }

    private void Enter()
    {
        _depth++;
        if (_depth > MaximumDepth)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "nesting deeper than {0} levels", MaximumDepth));
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("unterminated string");
            }

            var character = _text[_position];
            if (character == '"')
            {
                _position++;
                return builder.ToString();
            }

            if (character < 0x20)
            {
                throw Error(character == '\n' ? "unterminated string (a line break inside a string must be written \\n)" : "a control character inside a string must be escaped");
            }

            if (character != '\\')
            {
                builder.Append(character);
                _position++;
                continue;
            }

            _position++;
            if (AtEnd)
            {
                throw Error("unterminated string");
            }

            var escape = _text[_position];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append(ReadUnicodeEscape());
                    continue;
                default:
                    throw Error($"invalid escape '\\{escape}' in a string");
            }

            _position++;
        }
    }

    private char ReadUnicodeEscape()
    {
        if (_position + 4 >= _text.Length)
        {
            throw Error("incomplete \\u escape");
        }

        var value = 0;
        for (var index = 1; index <= 4; index++)
        {
            var digit = _text[_position + index];
            int nibble;
            if (digit >= '0' && digit <= '9')
            {
                nibble = digit - '0';
            }
            else if (digit >= 'a' && digit <= 'f')
            {
                nibble = digit - 'a' + 10;
            }
            else if (digit >= 'A' && digit <= 'F')
            {
                nibble = digit - 'A' + 10;
            }
            else
            {
                _position += index;
                throw Error("a \\u escape needs four hexadecimal digits");
            }

            value = (value * 16) + nibble;
        }

        _position += 5;
        return (char)value;
    }

    private string ReadNumber()
    {
        var start = _position;
        if (_text[_position] == '-')
        {
            _position++;
        }

        if (AtEnd || !IsDigit(_text[_position]))
        {
            throw Error("a number needs digits");
        }

        if (_text[_position] == '0')
        {
            _position++;
            if (!AtEnd && IsDigit(_text[_position]))
            {
                throw Error("a number must not have leading zeros");
            }
        }
        else
        {
            SkipDigits();
        }

        if (!AtEnd && _text[_position] == '.')
        {
            _position++;
            if (AtEnd || !IsDigit(_text[_position]))
            {
                throw Error("a number needs digits after the decimal point");
            }

            SkipDigits();
        }

        if (!AtEnd && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            if (!AtEnd && (_text[_position] == '+' || _text[_position] == '-'))
            {
                _position++;
            }

            if (AtEnd || !IsDigit(_text[_position]))
            {
                throw Error("a number needs digits in its exponent");
            }

            SkipDigits();
        }

        return _text.Substring(start, _position - start);
    }

    private void SkipDigits()
    {
        while (!AtEnd && IsDigit(_text[_position]))
        {
            _position++;
        }
    }

    private static bool IsDigit(char character) => character >= '0' && character <= '9';

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error($"unexpected {Describe()}, expected a value (strings need double quotes)");
        }

        _position += word.Length;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd)
        {
            var character = _text[_position];
            if (character == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (character == ' ' || character == '\t' || character == '\r')
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private string Describe()
    {
        if (AtEnd)
        {
            return "end of the document";
        }

        var character = _text[_position];
        return character < 0x20 || character > 0x7e
            ? "character U+" + ((int)character).ToString("X4", CultureInfo.InvariantCulture)
            : "'" + character + "'";
    }

    private JsonParseException Error(string reason) => new(_line, Column, reason);
}
