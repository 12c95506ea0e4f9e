using System.Text;

namespace StaticLink.Core.Reporting;

/// <summary>
/// Labels for a Mermaid flowchart: always written in double quotes, with Mermaid's entity codes for the characters
/// that would end the quote, the node shape or an edge label ('"', '|', brackets), or start an entity or an HTML tag.
/// </summary>
public static class MermaidText
{
    /// <summary>The label between the quotes of <c>id["..."]</c> or <c>--&gt;|"..."|</c>.</summary>
    public static string Label(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text!.Length + 8);
        foreach (var character in text)
        {
            escaped.Append(character switch
            {
                '#' => "#35;",
                '"' => "#quot;",
                '|' => "#124;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '[' => "#91;",
                ']' => "#93;",
                '{' => "#123;",
                '}' => "#125;",
                '(' => "#40;",
                ')' => "#41;",
                ';' => "#59;",
                '`' => "#96;",
                '\r' or '\n' or '\t' => " ",
                _ => character.ToString(),
            });
        }

        return escaped.ToString();
    }
}
