namespace StaticLink.Core.Scanning;

/// <summary>
/// Recognises strings that look like a full soname, lib[A-Za-z0-9_.+-]*\.so(\.[0-9]+)*, the shape dlopen arguments
/// have. Deliberately strict: "libssl.so." (a printf prefix) or "see libfoo.so" are not sonames.
/// </summary>
public static class SonameText
{
    public const int MaximumLength = 255;

    public static bool LooksLikeSoname(string text)
    {
        if (text is null || text.Length < 7 || text.Length > MaximumLength)
        {
            return false;
        }

        if (text[0] != 'l' || text[1] != 'i' || text[2] != 'b')
        {
            return false;
        }

        foreach (var character in text)
        {
            if (!IsSonameCharacter(character))
            {
                return false;
            }
        }

        // The version suffix is (\.[0-9]+)*: walk back over it, then ".so" must end the name part.
        var end = text.Length;
        while (true)
        {
            var position = end;
            while (position > 0 && text[position - 1] >= '0' && text[position - 1] <= '9')
            {
                position--;
            }

            if (position < end && position > 0 && text[position - 1] == '.')
            {
                var candidateEnd = position - 1;
                if (EndsWithSo(text, candidateEnd))
                {
                    return true;
                }

                end = candidateEnd;
                continue;
            }

            return EndsWithSo(text, end);
        }
    }

    public static bool IsSonameCharacter(char character) =>
        (character >= 'a' && character <= 'z')
        || (character >= 'A' && character <= 'Z')
        || (character >= '0' && character <= '9')
        || character == '_' || character == '.' || character == '+' || character == '-';

    // "lib" + at least one character + ".so" ending at end.
    private static bool EndsWithSo(string text, int end) =>
        end >= 7 && text[end - 3] == '.' && text[end - 2] == 's' && text[end - 1] == 'o';
}
