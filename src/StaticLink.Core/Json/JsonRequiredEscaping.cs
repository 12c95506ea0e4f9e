using System;
using System.Text.Encodings.Web;

namespace StaticLink.Core.Json;

/// <summary>
/// The escaping of every JSON file StaticLink writes: only what JSON itself requires (RFC 8259, section 7: the
/// quotation mark, the reverse solidus and the control characters U+0000 to U+001F), plus what UTF-8 cannot hold
/// (a lone surrogate), so paths and messages stay readable: no \u00e9 for é, no \u002B for +.
/// <para>
/// Not <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, which escapes nearly the same: in a process that
/// has not used it before, building it took about 10 ms and its first string another 5 ms (its table of allowed code
/// points and its vectorised search are JIT-compiled; measured in a fresh ReadyToRun process, on this repository's
/// bench machine). The command line and the task write their JSON in such processes.
/// </para>
/// </summary>
public sealed class JsonRequiredEscaping : JavaScriptEncoder
{
    public static readonly JsonRequiredEscaping Instance = new();

    private const string Hex = "0123456789abcdef";

    private JsonRequiredEscaping()
    {
    }

    /// <summary>\uXXXX for one UTF-16 unit; a supplementary character is never escaped, so never more.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        for (var index = 0; index < textLength; index++)
        {
            var character = text[index];
            if (character < 0x20 || character == '"' || character == '\\')
            {
                return index;
            }

            if (char.IsHighSurrogate(character) && index + 1 < textLength && char.IsLowSurrogate(text[index + 1]))
            {
                // A whole pair is one supplementary character, which UTF-8 holds.
                index++;
            }
            else if (char.IsSurrogate(character))
            {
                return index;
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var index = 0; index < utf8Text.Length; index++)
        {
            var unit = utf8Text[index];
            if (unit < 0x80)
            {
                if (unit < 0x20 || unit == '"' || unit == '\\')
                {
                    return index;
                }

                continue;
            }

            var length = WellFormedSequenceLength(utf8Text.Slice(index));
            if (length == 0)
            {
                // Ill-formed UTF-8: the library replaces it (U+FFFD) when it escapes from here.
                return index;
            }

            index += length - 1;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        var shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\f' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            return Write(buffer, bufferLength, ['\\', shortForm], out numberOfCharactersWritten);
        }

        if (!WillEncode(unicodeScalar))
        {
            if (unicodeScalar > 0xFFFF)
            {
                var pair = char.ConvertFromUtf32(unicodeScalar);
                return Write(buffer, bufferLength, [pair[0], pair[1]], out numberOfCharactersWritten);
            }

            return Write(buffer, bufferLength, [(char)unicodeScalar], out numberOfCharactersWritten);
        }

        return Write(
            buffer,
            bufferLength,
            ['\\', 'u', Hex[(unicodeScalar >> 12) & 0xF], Hex[(unicodeScalar >> 8) & 0xF], Hex[(unicodeScalar >> 4) & 0xF], Hex[unicodeScalar & 0xF]],
            out numberOfCharactersWritten);
    }

    private static unsafe bool Write(char* buffer, int bufferLength, ReadOnlySpan<char> characters, out int written)
    {
        if (characters.Length > bufferLength)
        {
            written = 0;
            return false;
        }

        characters.CopyTo(new Span<char>(buffer, bufferLength));
        written = characters.Length;
        return true;
    }

    /// <summary>The length of the well-formed UTF-8 sequence <paramref name="text"/> starts with (RFC 3629), or 0.</summary>
    private static int WellFormedSequenceLength(ReadOnlySpan<byte> text)
    {
        var lead = text[0];
        var (length, low, high) = lead switch
        {
            >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xED => (3, 0x80, 0x9F),
            >= 0xE1 and <= 0xEF => (3, 0x80, 0xBF),
            0xF0 => (4, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (length == 0 || text.Length < length || text[1] < low || text[1] > high)
        {
            return 0;
        }

        for (var index = 2; index < length; index++)
        {
            if (text[index] is < 0x80 or > 0xBF)
            {
                return 0;
            }
        }

        return length;
    }
}
