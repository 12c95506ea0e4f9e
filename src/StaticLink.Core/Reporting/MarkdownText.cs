using System;
using System.Text;

namespace StaticLink.Core.Reporting;

/// <summary>
/// Text made safe for GitHub-flavoured Markdown: file and library names are data, and a '|' in a name must not
/// split a table cell, nor a '*' or '_' turn it bold, nor a '&lt;' open an HTML tag.
/// </summary>
public static class MarkdownText
{

    /// <summary>Inline text: Markdown punctuation backslash-escaped, line breaks folded into spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text!.Length + 8);
        foreach (var character in text)
        {
            if (character is '\r' or '\n' or '\t')
            {
                escaped.Append(' ');
            }
            else if (NeedsEscape(character))
            {
                escaped.Append('\\').Append(character);
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    // The characters that format, link, open a tag or an entity, or end a table cell anywhere in a line. Those that
    // matter only at a line's start ('#', '-', '+', digits) are left alone: escaped text never starts a line here.
    private static bool NeedsEscape(char character) => character is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&';

    /// <summary>A table cell: escaped, and "-" when empty so the row keeps its shape.</summary>
    public static string Cell(string? text) => string.IsNullOrEmpty(text) ? "-" : Escape(text);

    /// <summary>
    /// The first sentence of a message: up to the first ". " (or the end), not cut inside "e.g." or "i.e.", so that a
    /// findings table shows what and where, and the full message (with the fix) stays in the log and the JSON report.
    /// </summary>
    public static string FirstSentence(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var text = message!;
        var start = 0;
        while (true)
        {
            var end = text.IndexOf(". ", start, StringComparison.Ordinal);
            if (end < 0)
            {
                return text.Trim();
            }

            if (!EndsWithAbbreviation(text, end))
            {
                return text.Substring(0, end + 1).Trim();
            }

            start = end + 2;
        }
    }

    private static bool EndsWithAbbreviation(string text, int dot) =>
        (dot >= 3 && string.CompareOrdinal(text, dot - 3, "e.g", 0, 3) == 0)
        || (dot >= 3 && string.CompareOrdinal(text, dot - 3, "i.e", 0, 3) == 0);
}
