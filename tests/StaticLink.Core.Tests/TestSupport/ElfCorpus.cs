using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// The real ELF files of this machine: every regular file whose first four bytes are the ELF magic under /usr/lib,
/// /usr/bin, the .NET installation and the NuGet global packages folder. Sniffed here, independently of the reader.
/// </summary>
internal static class ElfCorpus
{
    private static readonly byte[] Magic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    public static string NuGetPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The directory of the `dotnet` on PATH with symlinks resolved, else the running runtime's root.</summary>
    public static string? DotnetRoot
    {
        get
        {
            var onPath = ExternalTool.FindOnPath("dotnet");
            if (onPath != null)
            {
                var target = File.ResolveLinkTarget(onPath, returnFinalTarget: true)?.FullName ?? onPath;
                return Path.GetDirectoryName(target);
            }

            // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            var coreLib = Path.GetDirectoryName(typeof(object).Assembly.Location);
            return coreLib is null ? null : Path.GetFullPath(Path.Combine(coreLib, "..", "..", ".."));
        }
    }

    public static IReadOnlyList<string> Roots =>
        new[] { "/usr/lib", "/usr/bin", DotnetRoot, NuGetPackagesFolder }
            .Where(r => r != null && Directory.Exists(r))
            .Select(r => Path.GetFullPath(r!))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every ELF file under the roots, symlinks skipped (their targets are visited as files), sorted.</summary>
    public static List<string> Enumerate(IEnumerable<string> roots)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            ReturnSpecialDirectories = false,
        };
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", options))
            {
                if (HasMagic(path))
                {
                    files.Add(path);
                }
            }
        }

        return [.. files];
    }

    public static bool HasMagic(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            Span<byte> head = stackalloc byte[4];
            return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual(Magic);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
