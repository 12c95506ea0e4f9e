using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticLink.Core.Json;

/// <summary>
/// Reads a JSON document's text from disk the one way the engine does: it must exist, be no larger than
/// <see cref="JsonSource.MaximumLength"/>, and be UTF-8; any other case is a reason in words, never an exception.
/// </summary>
internal static class JsonFile
{
    /// <param name="reason">Why it could not be read, to follow the file's name: "does not exist", "is 5000000 bytes, ...".</param>
    public static bool TryRead(string path, out string text, out string reason)
    {
        text = string.Empty;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reason = "does not exist";
                return false;
            }

            if (info.Length > JsonSource.MaximumLength)
            {
                reason = string.Format(CultureInfo.InvariantCulture, "is {0} bytes, more than a JSON file here can be ({1})", info.Length, JsonSource.MaximumLength);
                return false;
            }

            text = File.ReadAllText(path, new UTF8Encoding(false, true));
            reason = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            reason = "could not be read: " + exception.Message;
            return false;
        }
    }
}
