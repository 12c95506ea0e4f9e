using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Reads what glibc's and musl's loaders print when asked to list a file's libraries. The formats below are the
/// ones Debian 12's glibc 2.36 and musl 1.2.3 were seen to print (the harness's tests pin them).
/// </summary>
internal static partial class LoaderOutputParser
{
    /// <summary>
    /// glibc, trace mode: "\tname => /path (0x...)", "\tname => not found", "\t/lib64/ld-linux-x86-64.so.2 (0x...)",
    /// "\tlinux-vdso.so.1 (0x...)" or "\tstatically linked" on standard output; on standard error
    /// "FILE: LIB: version `V' not found (required by X)" and, with LD_WARN and LD_BIND_NOW,
    /// "undefined symbol: SYM, version V\t(X)". Outside trace mode a missing library is fatal:
    /// "X: error while loading shared libraries: LIB: cannot open shared object file: ...".
    /// </summary>
    public static LoaderVerdict ParseGlibc(ProcessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var missing = new List<string>();
        var versions = new List<VersionError>();
        var symbols = new List<SymbolError>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(result))
        {
            Match match;
            if ((match = GlibcMapping().Match(line)).Success)
            {
                var name = match.Groups["name"].Value;
                var target = match.Groups["target"].Value;
                if (target == "not found")
                {
                    AddOnce(missing, name);
                }
                else
                {
                    resolved[name] = Where(target);
                }
            }
            else if ((match = GlibcVersion().Match(line)).Success)
            {
                var error = new VersionError(match.Groups["library"].Value, match.Groups["version"].Value, match.Groups["by"].Value);
                if (!versions.Contains(error))
                {
                    versions.Add(error);
                }
            }
            else if ((match = GlibcUndefined().Match(line)).Success)
            {
                var error = new SymbolError(match.Groups["symbol"].Value, match.Groups["file"].Value);
                if (!symbols.Contains(error))
                {
                    symbols.Add(error);
                }
            }
            else if ((match = GlibcFatalMissing().Match(line)).Success)
            {
                AddOnce(missing, match.Groups["library"].Value);
            }
        }

        return new LoaderVerdict(missing, versions, symbols, resolved, result.ExitCode, Raw(result));
    }

    /// <summary>
    /// musl, `ld-musl-x86_64.so.1 --list`: "\tname => /path (0x...)" and "\t/lib/ld-musl-x86_64.so.1 (0x...)" on
    /// standard output; "Error loading shared library LIB: REASON (needed by X)" and
    /// "Error relocating X: SYM: symbol not found" on standard error, and then exit code 127.
    /// </summary>
    public static LoaderVerdict ParseMusl(ProcessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var missing = new List<string>();
        var symbols = new List<SymbolError>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(result))
        {
            Match match;
            if ((match = MuslMapping().Match(line)).Success)
            {
                resolved[match.Groups["name"].Value] = Where(match.Groups["target"].Value);
            }
            else if ((match = MuslMissing().Match(line)).Success)
            {
                AddOnce(missing, match.Groups["library"].Value);
            }
            else if ((match = MuslUndefined().Match(line)).Success)
            {
                var error = new SymbolError(match.Groups["symbol"].Value, match.Groups["file"].Value);
                if (!symbols.Contains(error))
                {
                    symbols.Add(error);
                }
            }
        }

        return new LoaderVerdict(missing, [], symbols, resolved, result.ExitCode, Raw(result));
    }

    private static string Where(string pathInRoot) => pathInRoot.StartsWith("/app/", StringComparison.Ordinal) ? LoaderVerdict.App : pathInRoot;

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static string[] Lines(ProcessResult result) =>
        (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Raw(ProcessResult result) =>
        result.StandardError.Length == 0 ? result.StandardOutput : result.StandardOutput + result.StandardError;

    [GeneratedRegex(@"^\s+(?<name>\S+) => (?<target>not found|\S+)")]
    private static partial Regex GlibcMapping();

    [GeneratedRegex(@"(?<library>[^\s:]+): version [`'](?<version>[^']+)' not found \(required by (?<by>[^)]+)\)")]
    private static partial Regex GlibcVersion();

    [GeneratedRegex(@"^undefined symbol: (?<symbol>[^,\s]+)(?:, version \S+)?\s+\((?<file>[^)]+)\)")]
    private static partial Regex GlibcUndefined();

    [GeneratedRegex(@"error while loading shared libraries: (?<library>[^:]+): cannot open shared object file")]
    private static partial Regex GlibcFatalMissing();

    [GeneratedRegex(@"^\s+(?<name>\S+) => (?<target>\S+) \(0x")]
    private static partial Regex MuslMapping();

    [GeneratedRegex(@"^Error loading shared library (?<library>[^:]+): .*\(needed by (?<by>[^)]+)\)")]
    private static partial Regex MuslMissing();

    [GeneratedRegex(@"^Error relocating (?<file>[^:]+): (?<symbol>[^:]+): symbol not found")]
    private static partial Regex MuslUndefined();
}
