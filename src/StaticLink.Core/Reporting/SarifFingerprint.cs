using System;
using System.Security.Cryptography;
using System.Text;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Reporting;

/// <summary>
/// A finding's identity for code scanning, so an alert stays the same alert from run to run: a hash of the code, the
/// file's path relative to the checked root, the library and the target. Nothing in it depends on the build machine
/// (absolute paths), on the order of findings, on the time, or on the message's wording.
/// </summary>
public static class SarifFingerprint
{
    /// <summary>The key in partialFingerprints; the version changes only when the identity does.</summary>
    public const string Key = "staticLinkFinding/v1";

    public static string Of(Finding finding)
    {
        if (finding is null)
        {
            throw new ArgumentNullException(nameof(finding));
        }

        // Fields joined by a character none of them contains, so ("a", "bc") and ("ab", "c") differ.
        var identity = string.Join("\n", finding.Code, finding.File ?? string.Empty, finding.Library ?? string.Empty, finding.Target ?? string.Empty);
        var hash = Sha256(Encoding.UTF8.GetBytes(identity));
        var text = new StringBuilder(hash.Length * 2);
        foreach (var value in hash)
        {
            text.Append(value.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static byte[] Sha256(byte[] bytes)
    {
#if NET8_0_OR_GREATER
        return SHA256.HashData(bytes);
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(bytes);
#endif
    }
}
