using System;

namespace StaticLink.Core;

/// <summary>Finding a byte string inside bytes read from a file, where decoding to text first would cost more.</summary>
internal static class ByteSearch
{
    /// <summary>The first position of <paramref name="needle"/> in the first <paramref name="length"/> bytes, or -1.</summary>
    public static int IndexOf(byte[] haystack, int length, byte[] needle)
    {
        if (needle.Length == 0)
        {
            return 0;
        }

        var last = length - needle.Length;
        var start = 0;
        while (start <= last)
        {
            // Array.IndexOf on bytes is vectorised: jump to the next possible first byte.
            start = Array.IndexOf(haystack, needle[0], start, last - start + 1);
            if (start < 0)
            {
                return -1;
            }

            var index = 1;
            while (index < needle.Length && haystack[start + index] == needle[index])
            {
                index++;
            }

            if (index == needle.Length)
            {
                return start;
            }

            start++;
        }

        return -1;
    }
}
