using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Baselines;

/// <summary>
/// What makes a finding "the same finding" on another build machine, in another checkout, after the output's files
/// were reordered: its code, the file it is about (relative to the publish root, '/'-separated), the library, and for
/// some codes a subject (the version floor of SL1004/SL2005, the run paths of SL2003) so that needing a newer version
/// is a new finding rather than the accepted one. Never absolute paths, positions, counts, messages or times.
/// The one place this is decided: baselines and report fingerprints both use it.
/// </summary>
/// <param name="Code">The diagnostic code, e.g. SL1001.</param>
/// <param name="File">The file, relative to the publish root; null for findings about no file.</param>
/// <param name="Library">The library concerned; null when the finding names none.</param>
/// <param name="Subject">What else tells two findings of one code, file and library apart; null when nothing does.</param>
public sealed record FindingIdentity(string Code, string? File, string? Library, string? Subject)
{
    /// <summary>One string holding every part, for sets and sorting.</summary>
    public string Key => Code + "|" + (File ?? string.Empty) + "|" + (Library ?? string.Empty) + "|" + (Subject ?? string.Empty);

    /// <summary>A short hash of <see cref="Key"/> (32 hex digits), for formats that want an opaque fingerprint.</summary>
    public string Fingerprint
    {
        get
        {
#if NET8_0_OR_GREATER
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Key));
#else
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(Key));
#endif
            var text = new StringBuilder(32);
            for (var index = 0; index < 16; index++)
            {
                text.Append(digest[index].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }

    /// <summary>The identity of every finding of <paramref name="report"/>, in the order of its findings.</summary>
    public static IReadOnlyList<FindingIdentity> Of(CheckReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var elfByPath = new Dictionary<string, ElfFile?>(StringComparer.Ordinal);
        foreach (var file in report.Files)
        {
            elfByPath[file.Path] = file.Elf;
        }

        var identities = new List<FindingIdentity>(report.Findings.Count);
        foreach (var finding in report.Findings)
        {
            identities.Add(Of(finding, finding.File is { } path && elfByPath.TryGetValue(path, out var elf) ? elf : null));
        }

        return identities;
    }

    /// <summary>The identity of <paramref name="finding"/>; <paramref name="elf"/> is the facts of its file, when it is a native file.</summary>
    public static FindingIdentity Of(Finding finding, ElfFile? elf)
    {
        if (finding is null)
        {
            throw new ArgumentNullException(nameof(finding));
        }

        return new FindingIdentity(finding.Code, RelativeFile(finding.File), Blank(finding.Library), SubjectOf(finding, elf));
    }

    /// <summary>'/'-separated, without a leading "./": the same file whichever system wrote the path.</summary>
    public static string? RelativeFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var relative = path!.Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative.Substring(2);
        }

        return relative;
    }

    private static string? SubjectOf(Finding finding, ElfFile? elf)
    {
        if (elf is null)
        {
            return null;
        }

        switch (finding.Code)
        {
            case DiagnosticCodes.SymbolVersionTooNew or DiagnosticCodes.NewerThanDotNetFloor:
                var floors = new List<string>();
                foreach (var floor in VersionFloor.Of(elf))
                {
                    if (floor.Library == finding.Library)
                    {
                        floors.Add(floor.Version);
                    }
                }

                return floors.Count == 0 ? null : string.Join(",", floors);
            case DiagnosticCodes.UnsafeRunPath:
                var paths = new List<string>(elf.Rpath);
                paths.AddRange(elf.Runpath);
                return paths.Count == 0 ? null : string.Join(":", paths);
            default:
                return null;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
