using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Core.Tests.Policy;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// Damaged files must become findings, never exceptions: the whole check runs on copies of real binaries with
/// bytes overwritten at random (seeded, so a failure can be replayed), and on every truncation of a header.
/// </summary>
public class MutationTests
{
    [TestCase("glibc-dynamic", 1)]
    [TestCase("glibc-static", 2)]
    [TestCase("libhelper.so.1.0", 3)]
    [TestCase("musl-dynamic", 4)]
    public void Randomly_damaged_binaries_never_make_the_check_throw(string sample, int seed)
    {
        var original = File.ReadAllBytes(NativeSamples.PathOf(sample));
        var random = new Random(seed);
        using var output = new OutputDirectory();
        var checkedFiles = 0;
        for (var round = 0; round < 40; round++)
        {
            var bytes = (byte[])original.Clone();
            var changes = random.Next(1, 16);
            for (var change = 0; change < changes; change++)
            {
                // Mostly the headers and tables at the start, where a wrong byte changes what is read.
                var limit = random.Next(4) == 0 ? bytes.Length : Math.Min(bytes.Length, 4096);
                bytes[random.Next(4, limit)] = (byte)random.Next(256);
            }

            output.Write("lib" + round + ".so", bytes);
        }

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64", MaxGlibcVersion = "2.17" });
        checkedFiles += report.Files.Count;

        Assert.That(checkedFiles, Is.EqualTo(40));
        Assert.That(report.Files.Where(file => file.Elf is null).Select(file => file.Path), Is.EquivalentTo(report.WithCodeFiles(DiagnosticCodes.UnreadableFile)));
    }

    [Test]
    public void Every_truncation_of_the_first_kilobyte_is_a_finding_or_a_file()
    {
        var original = File.ReadAllBytes(NativeSamples.PathOf("libhelper.so.1.0"));
        using var output = new OutputDirectory();
        for (var length = 0; length <= 1024; length += 8)
        {
            output.Write($"lib{length:D4}.so", original.Take(length).ToArray());
        }

        var report = PublishChecker.Check(new CheckOptions { Root = output.Path, RuntimeIdentifier = "linux-x64" });

        Assert.That(report.Files, Has.Count.EqualTo(129));
        Assert.That(report.WithCode(DiagnosticCodes.UnreadableFile), Has.Count.EqualTo(129));
        Assert.That(report.WithCode(DiagnosticCodes.UnreadableFile).Select(finding => finding.Message), Has.All.Contains("could not be read as an ELF file"));
    }
}
