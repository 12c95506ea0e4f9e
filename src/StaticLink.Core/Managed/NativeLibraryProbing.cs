using System;
using System.Collections.Generic;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Managed;

/// <summary>
/// How the .NET runtime on Linux turns a DllImport module name into file names to dlopen (LibraryNameVariation.Unix
/// in System.Private.CoreLib, DetermineLibNameVariations in CoreCLR), and which names never reach the Linux loader.
/// </summary>
public static class NativeLibraryProbing
{
    private const string Prefix = "lib";
    private const string Suffix = ".so";

    private static readonly HashSet<string> WindowsLibraries = new(StringComparer.OrdinalIgnoreCase)
    {
        "kernel32", "kernelbase", "user32", "gdi32", "gdiplus", "advapi32", "ole32", "oleaut32", "shell32", "shlwapi",
        "ntdll", "ws2_32", "winhttp", "wininet", "crypt32", "bcrypt", "ncrypt", "secur32", "sspicli", "iphlpapi",
        "version", "winmm", "dbghelp", "psapi", "userenv", "netapi32", "wtsapi32", "rpcrt4", "setupapi", "comctl32",
        "comdlg32", "dwmapi", "uxtheme", "mscoree", "msvcrt", "ucrtbase", "credui", "mpr", "wldap32", "odbc32",
        "clusapi", "activeds", "normaliz", "winspool.drv", "imm32", "hid", "cfgmgr32", "dnsapi", "fwpuclnt", "mswsock",
        "authz", "wevtapi", "pdh", "d3d11", "dxgi", "d2d1", "dwrite", "opengl32", "propsys", "urlmon", "xinput1_4",
        "api-ms-win-core-winrt-l1-1-0", "combase", "powrprof", "wintrust", "msi", "srclient", "sfc", "wer",
    };

    /// <summary>
    /// The file names the runtime tries, in its order, for a relative name; an absolute path is tried as is.
    /// A name with ".so" (optionally followed by a version) is tried as is first, otherwise with ".so" first; the
    /// "lib" prefix is added unless the name has a directory part.
    /// </summary>
    public static IReadOnlyList<string> CandidateFileNames(string moduleName)
    {
        if (moduleName is null)
        {
            throw new ArgumentNullException(nameof(moduleName));
        }

        if (moduleName.Length > 0 && moduleName[0] == '/')
        {
            return [moduleName];
        }

        var containsSuffix = false;
        var index = moduleName.IndexOf(Suffix, StringComparison.OrdinalIgnoreCase);
        if (index >= 0)
        {
            var after = index + Suffix.Length;
            containsSuffix = after == moduleName.Length || moduleName[after] == '.';
        }

        var hasDirectory = TextSearch.HasCharacter(moduleName, '/');
        var names = new List<string>(4);
        if (containsSuffix)
        {
            AddDistinct(names, moduleName);
            if (!hasDirectory)
            {
                AddDistinct(names, Prefix + moduleName);
            }

            AddDistinct(names, moduleName + Suffix);
            if (!hasDirectory)
            {
                AddDistinct(names, Prefix + moduleName + Suffix);
            }
        }
        else
        {
            AddDistinct(names, moduleName + Suffix);
            if (!hasDirectory)
            {
                AddDistinct(names, Prefix + moduleName + Suffix);
            }

            AddDistinct(names, moduleName);
            if (!hasDirectory)
            {
                AddDistinct(names, Prefix + moduleName);
            }
        }

        return names;
    }

    /// <summary>
    /// The candidate most likely meant, for messages: the first one that looks like a library ("libgdiplus.so" for
    /// "libgdiplus", "libe_sqlite3.so" for "e_sqlite3"), else the first candidate.
    /// </summary>
    public static string PreferredFileName(string moduleName)
    {
        var candidates = CandidateFileNames(moduleName);
        foreach (var candidate in candidates)
        {
            var name = FileNameOf(candidate);
            if (Elf.SonameText.LooksLikeSoname(name))
            {
                return candidate;
            }
        }

        return candidates[0];
    }

    /// <summary>The last path part of a candidate (what a file of the output or a soname is compared with).</summary>
    public static string FileNameOf(string candidate)
    {
        if (candidate is null)
        {
            throw new ArgumentNullException(nameof(candidate));
        }

        return ForwardSlashPath.FileName(candidate);
    }

    public static PInvokeModuleKind Classify(string moduleName)
    {
        if (moduleName is null)
        {
            throw new ArgumentNullException(nameof(moduleName));
        }

        var name = moduleName.Trim();
        if (name.Length == 0 || string.Equals(name, "QCall", StringComparison.Ordinal) || string.Equals(name, "__Internal", StringComparison.Ordinal))
        {
            return PInvokeModuleKind.RuntimeInternal;
        }

        // The runtime maps "libc" to the C library itself; "c" reaches it through that name too. Measured with the
        // .NET 10 runtime on a glibc root without libc6-dev (tests/StaticLink.LoaderTruth.Tests, CLibraryPInvokeProbingTests):
        // "c" and "libc" load, "dl", "m", "pthread", "rt", "util" and their lib* forms do not; musl answers libc.* itself.
        if (string.Equals(name, "libc", StringComparison.Ordinal) || string.Equals(name, "c", StringComparison.Ordinal))
        {
            return PInvokeModuleKind.CLibrary;
        }

        if (name.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase)
            || name.Contains(".framework/")
            || name.StartsWith("/System/Library/", StringComparison.Ordinal)
            || name.StartsWith("/usr/lib/libSystem", StringComparison.Ordinal)
            || name.StartsWith("/usr/lib/libobjc", StringComparison.Ordinal))
        {
            return PInvokeModuleKind.AppleOnly;
        }

        if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".drv", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("api-ms-win-", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ext-ms-", StringComparison.OrdinalIgnoreCase)
            || TextSearch.HasCharacter(name, '\\')
            || WindowsLibraries.Contains(name))
        {
            return PInvokeModuleKind.WindowsOnly;
        }

        return PInvokeModuleKind.Library;
    }

    private static void AddDistinct(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }
}
