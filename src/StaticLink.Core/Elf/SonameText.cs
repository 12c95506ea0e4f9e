namespace StaticLink.Core.Elf;

/// <summary>
/// The one place that says what a shared library's name looks like: a file name with the suffix .so(\.[0-9]+)*
/// (<see cref="HasLibrarySuffix"/>, how the scanner spots a file meant to be loaded), and a full soname,
/// lib[A-Za-z0-9_.+-]*\.so(\.[0-9]+)* (<see cref="LooksLikeSoname"/>, the shape dlopen arguments and P/Invoke file
/// names have). Deliberately strict: "libssl.so." (a printf prefix) or "see libfoo.so" are not sonames.
/// </summary>
public static class SonameText
{
    public const int MaximumLength = 255;

    private const string Prefix = "lib";

    public static bool LooksLikeSoname(string text)
    {
        if (text is null || text.Length < 7 || text.Length > MaximumLength || !text.StartsWith(Prefix, System.StringComparison.Ordinal))
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

        // "lib", at least one character, then ".so".
        return LibrarySuffixStart(text) >= Prefix.Length + 1;
    }

    /// <summary>libfoo.so, libfoo.so.1, foo.cpython-312-x86_64-linux-gnu.so: named to be loaded by the dynamic loader.</summary>
    public static bool HasLibrarySuffix(string name) => name is not null && LibrarySuffixStart(name) >= 0;

    public static bool IsSonameCharacter(char character) =>
        (character >= 'a' && character <= 'z')
        || (character >= 'A' && character <= 'Z')
        || (character >= '0' && character <= '9')
        || character == '_' || character == '.' || character == '+' || character == '-';

    /// <summary>Where ".so(\.[0-9]+)*" starts at the end of a name; -1 when the name does not end so.</summary>
    private static int LibrarySuffixStart(string name)
    {
        // Walk back over the version suffix (\.[0-9]+)*, then ".so" must end the name part.
        var end = name.Length;
        while (true)
        {
            if (end >= 3 && name[end - 3] == '.' && name[end - 2] == 's' && name[end - 1] == 'o')
            {
                return end - 3;
            }

            var position = end;
            while (position > 0 && name[position - 1] >= '0' && name[position - 1] <= '9')
            {
                position--;
            }

            if (position == end || position == 0 || name[position - 1] != '.')
            {
                return -1;
            }

            end = position - 1;
        }
    }
}
