using StaticLink.Core;
using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;


namespace StaticLink.Core.Tests.Reporting;

public sealed class AtomicFileTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "staticlink-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Concurrent_writers_and_a_reader_only_ever_see_one_whole_report()
    {
        var path = Path.Combine(_directory, "report.json");
        // Each writer's content is one repeated character, large enough that a non-atomic write would be seen half done.
        var contents = Enumerable.Range(0, 4).Select(writer => new string((char)('a' + writer), 512 * 1024)).ToArray();
        File.WriteAllText(path, contents[0]);
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = File.ReadAllText(path);
                reads++;
                if (!contents.Contains(text, StringComparer.Ordinal))
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });

        Parallel.For(0, 4 * 25, new ParallelOptions { MaxDegreeOfParallelism = 4 }, iteration =>
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream);
                writer.Write(contents[iteration % 4]);
            }));
        stop.Cancel();
        reader.Wait();

        Assert.Multiple(() =>
        {
            Assert.That(torn, Is.Zero, $"{torn} of {reads} reads saw a torn report");
            Assert.That(reads, Is.GreaterThan(0));
            Assert.That(contents, Does.Contain(File.ReadAllText(path)));
            Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "report.json" }), "no temporary file is left behind");
        });
    }

    [Test]
    public void A_writer_that_fails_leaves_the_previous_report_and_no_temporary_file()
    {
        var path = Path.Combine(_directory, "report.json");
        File.WriteAllText(path, "previous");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte((byte)'x');
            throw new InvalidOperationException("the writer failed half way");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("previous"));
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
    }

    [Test]
    public void The_directory_is_created_when_it_does_not_exist()
    {
        var path = Path.Combine(_directory, "obj", "staticlink", "report.json");

        AtomicFile.Write(path, stream => stream.WriteByte((byte)'{'));

        Assert.That(File.ReadAllText(path), Is.EqualTo("{"));
    }
}
