using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace StaticLink.Tests.Shared;

/// <summary>
/// A temporary directory per fault: the publish output under test ("publish") with the report written beside it,
/// so that writing the report does not change the output the test compares before and after.
/// </summary>
public sealed class FaultOutput : IDisposable
{
    private readonly List<IDisposable> _held = [];

    public FaultOutput(string fault)
    {
        Root = Path.Combine(Path.GetTempPath(), "staticlink-fault-" + fault + "-" + Guid.NewGuid().ToString("N"));
        Publish = Path.Combine(Root, "publish");
        ReportPath = Path.Combine(Root, "report.json");
        Directory.CreateDirectory(Publish);
    }

    public string Root { get; }

    public string Publish { get; }

    public string ReportPath { get; }

    public string PathOf(string name) => Path.Combine(Publish, name);

    public void Fifo(string name) => ExternalTool.RunChecked("mkfifo", [PathOf(name)]);

    /// <summary>A bound Unix socket; it stays bound (the socket held open) until the fault is disposed.</summary>
    public void UnixSocket(string name)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _held.Add(socket);
        socket.Bind(new UnixDomainSocketEndPoint(PathOf(name)));
    }

    public void FileLink(string name, string target) => File.CreateSymbolicLink(PathOf(name), target);

    public void DirectoryLink(string name, string target) => Directory.CreateSymbolicLink(PathOf(name), target);

    public void Copy(string source, string name)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(name))!);
        File.Copy(source, PathOf(name));
    }

    public void Head(string source, string name, int count)
    {
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(PathOf(name), bytes.AsSpan(0, Math.Min(count, bytes.Length)).ToArray());
    }

    /// <summary>A file of <paramref name="length"/> bytes of which none is written: a hole, all zeros when read.</summary>
    public void Sparse(string name, long length)
    {
        using var stream = File.Open(PathOf(name), FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(length);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to a name given as a printf format (e.g. "lib\\377.so"): .NET strings cannot
    /// carry the invalid UTF-8 bytes of such a name, so the shell makes it.
    /// </summary>
    public void CopyToRawName(string source, string printfName) =>
        ExternalTool.RunChecked("/bin/sh", ["-c", "cp \"$1\" \"$2/$(printf \"$3\")\"", "sh", source, Publish, printfName]);

    /// <summary>Sets mode 000; true when that really stops this process reading it (not so for root or CAP_DAC_OVERRIDE).</summary>
    [UnsupportedOSPlatform("windows")]
    public bool MakeUnreadable(string name)
    {
        var path = PathOf(name);
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            using var stream = File.OpenRead(path);
            return stream.ReadByte() < 0;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    public void ManySmallFiles(string directory, int count)
    {
        var full = PathOf(directory);
        Directory.CreateDirectory(full);
        var content = "not an ELF file\n"u8.ToArray();
        for (var index = 0; index < count; index++)
        {
            File.WriteAllBytes(Path.Combine(full, "item-" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + ".txt"), content);
        }
    }

    /// <summary>
    /// Every entry of the output, links not followed, with its type, size, mode, modification time and link target:
    /// find reads the names as bytes, so even a name .NET cannot spell is compared.
    /// </summary>
    public string Snapshot()
    {
        var listing = ExternalTool.RunChecked("find", [Publish, "-printf", "%P\t%y\t%s\t%m\t%T@\t%l\n"]);
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(lines, StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        foreach (var held in _held)
        {
            held.Dispose();
        }

        // rm, not Directory.Delete: .NET cannot name (so cannot delete) a file whose name is not UTF-8.
        ExternalTool.Run("rm", ["-rf", Root]);
    }
}
