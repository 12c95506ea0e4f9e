namespace StaticLink.Core;

/// <summary>string.Contains(char) for netstandard2.0, which only has the string overload.</summary>
internal static class TextSearch
{
    public static bool HasCharacter(string text, char character)
    {
        foreach (var candidate in text)
        {
            if (candidate == character)
            {
                return true;
            }
        }

        return false;
    }
}
