using System;
using System.Collections.Generic;

namespace StaticLink.Core;

/// <summary>
/// Shell-style wildcard matching for sonames and output paths: '*' is any run of characters, '?' one character.
/// For paths, '*' and '?' stop at '/' and '**' crosses it. Matching is ordinal: sonames are case-sensitive.
/// </summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string text) => IsMatch(pattern, text, pathAware: false);

    /// <summary>Matches a relative path with '/' separators: '*' does not cross '/', '**' does.</summary>
    public static bool IsPathMatch(string pattern, string path)
    {
        // As in shells with globstar, a leading "**/" also matches at the top level.
        if (pattern is not null && pattern.StartsWith("**/", StringComparison.Ordinal) && IsMatch(pattern.Substring(3), path, pathAware: true))
        {
            return true;
        }

        return IsMatch(pattern!, path, pathAware: true);
    }

    private static bool IsMatch(string pattern, string text, bool pathAware)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var tokens = Tokenize(pattern, pathAware);

        // Dynamic programming over (token, text position): quadratic at worst, never exponential, whatever the
        // user writes. matches[j] says whether tokens[i..] match text[j..].
        var next = new bool[text.Length + 1];
        var current = new bool[text.Length + 1];
        next[text.Length] = true;
        for (var tokenIndex = tokens.Count - 1; tokenIndex >= 0; tokenIndex--)
        {
            var token = tokens[tokenIndex];
            for (var position = text.Length; position >= 0; position--)
            {
                bool result;
                if (token.Kind == TokenKind.Star)
                {
                    // Either the star matches nothing, or it takes one character and stays.
                    result = next[position]
                        || (position < text.Length && (token.CrossesSeparator || text[position] != '/') && current[position + 1]);
                }
                else if (position == text.Length)
                {
                    result = false;
                }
                else if (token.Kind == TokenKind.AnyCharacter)
                {
                    result = (token.CrossesSeparator || text[position] != '/') && next[position + 1];
                }
                else
                {
                    result = text[position] == token.Character && next[position + 1];
                }

                current[position] = result;
            }

            (next, current) = (current, next);
        }

        return next[0];
    }

    private static List<Token> Tokenize(string pattern, bool pathAware)
    {
        var tokens = new List<Token>(pattern.Length);
        for (var index = 0; index < pattern.Length; index++)
        {
            var character = pattern[index];
            if (character == '*')
            {
                var crosses = !pathAware;
                while (index + 1 < pattern.Length && pattern[index + 1] == '*')
                {
                    crosses = true;
                    index++;
                }

                tokens.Add(new Token(TokenKind.Star, '\0', crosses));
            }
            else if (character == '?')
            {
                tokens.Add(new Token(TokenKind.AnyCharacter, '\0', !pathAware));
            }
            else
            {
                tokens.Add(new Token(TokenKind.Literal, character, false));
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Literal,
        AnyCharacter,
        Star,
    }

    // A class, not a struct: List<Token> then runs the framework's shared code, precompiled, instead of four methods
    // the JIT compiled in every MSBuild process that ran the check.
    private sealed class Token
    {
        public Token(TokenKind kind, char character, bool crossesSeparator)
        {
            Kind = kind;
            Character = character;
            CrossesSeparator = crossesSeparator;
        }

        public TokenKind Kind { get; }

        public char Character { get; }

        public bool CrossesSeparator { get; }
    }
}
