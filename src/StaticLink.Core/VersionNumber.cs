using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticLink.Core;

/// <summary>
/// A dotted numeric version as symbol versions use them (2.2.5, 3.4.22). Compared part by part, missing parts are 0,
/// so 2.3 == 2.3.0 and 2.10 &gt; 2.9, which plain string comparison gets wrong.
/// </summary>
public sealed class VersionNumber : IComparable<VersionNumber>, IEquatable<VersionNumber>
{
    private readonly int[] _parts;

    private VersionNumber(int[] parts, string text)
    {
        _parts = parts;
        Text = text;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out VersionNumber? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var pieces = text!.Split('.');
        var parts = new int[pieces.Length];
        for (var index = 0; index < pieces.Length; index++)
        {
            var piece = pieces[index];
            if (piece.Length == 0 || piece.Length > 9)
            {
                return false;
            }

            foreach (var character in piece)
            {
                if (character < '0' || character > '9')
                {
                    return false;
                }
            }

            parts[index] = int.Parse(piece, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        version = new VersionNumber(parts, text);
        return true;
    }

    /// <summary>
    /// Splits a symbol version name such as GLIBC_2.2.5 or CXXABI_TM_1 into prefix and version at the last '_'
    /// followed by a dotted number; GLIBC_PRIVATE and other non-numeric names have no version.
    /// </summary>
    public static bool TrySplitSymbolVersion(string name, out string prefix, out VersionNumber? version)
    {
        prefix = string.Empty;
        version = null;
        var underscore = name.LastIndexOf('_');
        if (underscore <= 0 || underscore == name.Length - 1)
        {
            return false;
        }

        if (!TryParse(name.Substring(underscore + 1), out version))
        {
            return false;
        }

        prefix = name.Substring(0, underscore);
        return true;
    }

    public int CompareTo(VersionNumber? other)
    {
        if (other is null)
        {
            return 1;
        }

        var length = Math.Max(_parts.Length, other._parts.Length);
        for (var index = 0; index < length; index++)
        {
            var mine = index < _parts.Length ? _parts[index] : 0;
            var theirs = index < other._parts.Length ? other._parts[index] : 0;
            if (mine != theirs)
            {
                return mine.CompareTo(theirs);
            }
        }

        return 0;
    }

    public bool Equals(VersionNumber? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is VersionNumber other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        var significant = _parts.Length;
        while (significant > 0 && _parts[significant - 1] == 0)
        {
            significant--;
        }

        for (var index = 0; index < significant; index++)
        {
            hash = (hash * 31) + _parts[index];
        }

        return hash;
    }

    public override string ToString() => Text;

    public static bool operator >(VersionNumber left, VersionNumber right) => Comparer<VersionNumber>.Default.Compare(left, right) > 0;

    public static bool operator <(VersionNumber left, VersionNumber right) => Comparer<VersionNumber>.Default.Compare(left, right) < 0;

    public static bool operator >=(VersionNumber left, VersionNumber right) => Comparer<VersionNumber>.Default.Compare(left, right) >= 0;

    public static bool operator <=(VersionNumber left, VersionNumber right) => Comparer<VersionNumber>.Default.Compare(left, right) <= 0;

    public static bool operator ==(VersionNumber? left, VersionNumber? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(VersionNumber? left, VersionNumber? right) => !(left == right);
}
