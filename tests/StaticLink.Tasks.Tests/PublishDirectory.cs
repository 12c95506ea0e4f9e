using System;
using System.IO;

namespace StaticLink.Tasks.Tests;

/// <summary>A temporary directory laid out like a publish output; deleted on dispose.</summary>
internal sealed class PublishDirectory : IDisposable
{
    public PublishDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticlink-tasks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string FullPathOf(string name) => System.IO.Path.Combine(Path, name);

    public PublishDirectory Copy(string source, string? name = null)
    {
        var target = FullPathOf(name ?? System.IO.Path.GetFileName(source));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
        return this;
    }

    public PublishDirectory Write(string name, byte[] bytes)
    {
        var target = FullPathOf(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, bytes);
        return this;
    }

    /// <summary>Copies the first <paramref name="length"/> bytes of a real file: the ELF header survives, the rest does not.</summary>
    public PublishDirectory Truncated(string source, string name, int length)
    {
        var bytes = File.ReadAllBytes(source);
        return Write(name, bytes.AsSpan(0, Math.Min(length, bytes.Length)).ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
