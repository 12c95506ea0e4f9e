using System;
using System.IO;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>A temporary output directory for one test, deleted afterwards.</summary>
internal sealed class OutputDirectory : IDisposable
{
    public OutputDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticlink-output-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Write(string relative, byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(File(relative))!);
        System.IO.File.WriteAllBytes(File(relative), bytes);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
