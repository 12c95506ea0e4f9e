using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Bundles;

namespace StaticLink.Core.Tests.Bundles;

/// <summary>The window an embedded file is read through: it never reads outside its bounds.</summary>
public class SubStreamTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 100).Select(index => (byte)index).ToArray();

    [Test]
    public void Reads_only_the_window_and_positions_relative_to_it()
    {
        using var baseStream = new MemoryStream(Bytes);
        using var window = new SubStream(baseStream, 10, 20);
        var buffer = new byte[50];

        Assert.That(window.Read(buffer, 0, 50), Is.EqualTo(20));
        Assert.That(buffer.Take(20), Is.EqualTo(Bytes.Skip(10).Take(20)));
        Assert.That(window.Read(buffer, 0, 50), Is.Zero);

        window.Seek(-5, SeekOrigin.End);
        Assert.That(window.Position, Is.EqualTo(15));
        Assert.That(window.Read(buffer, 0, 3), Is.EqualTo(3));
        Assert.That(buffer.Take(3), Is.EqualTo(new byte[] { 25, 26, 27 }));

        window.Position = 1000;
        Assert.That(window.Read(buffer, 0, 10), Is.Zero, "past the window reads nothing, as past the end of a file");
    }

    [Test]
    public void Windows_on_one_stream_do_not_disturb_each_other()
    {
        using var baseStream = new MemoryStream(Bytes);
        using var first = new SubStream(baseStream, 0, 10);
        using var second = new SubStream(baseStream, 50, 10);
        var buffer = new byte[1];

        first.ReadExactly(buffer);
        second.ReadExactly(buffer);
        Assert.That(buffer[0], Is.EqualTo(50));
        first.ReadExactly(buffer);
        Assert.That(buffer[0], Is.EqualTo(1));
    }

    [TestCase(-1, 10)]
    [TestCase(0, 101)]
    [TestCase(95, 10)]
    [TestCase(101, 0)]
    [TestCase(0, -1)]
    public void A_window_outside_the_stream_is_refused(long start, long length)
    {
        using var baseStream = new MemoryStream(Bytes);

        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SubStream(baseStream, start, length));
    }

    [Test]
    public void It_is_read_only()
    {
        using var baseStream = new MemoryStream(Bytes);
        using var window = new SubStream(baseStream, 0, 10);

        Assert.That(window.CanWrite, Is.False);
        Assert.Throws<NotSupportedException>(() => window.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => window.SetLength(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Position = -1);
    }
}
