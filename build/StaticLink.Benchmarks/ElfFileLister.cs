using System;
using System.Collections.Generic;
using System.IO;
using StaticLink.Core.Elf;

namespace StaticLink.Benchmarks;

/// <summary>Every regular file (not a symlink) under some directories whose first bytes are the ELF magic.</summary>
internal static class ElfFileLister
{
    public static void Write(IEnumerable<string> roots, TextWriter output)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var files = new List<string>(Directory.EnumerateFiles(root, "*", options));
            files.Sort(StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (IsElf(file))
                {
                    output.WriteLine(file);
                }
            }
        }
    }

    private static bool IsElf(string path)
    {
        try
        {
            return ElfReader.HasElfMagic(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
