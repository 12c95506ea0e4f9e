using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StaticLink.Core.Reporting;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Reporting;

public class StepSummaryFileTests
{
    [Test]
    public void Appending_keeps_what_the_file_had()
    {
        using var directory = new TempDirectory();
        var summary = directory.File("summary.md", "## an earlier step\n");

        StepSummaryFile.Append(summary, "### StaticLink\n");

        Assert.That(File.ReadAllText(summary), Is.EqualTo("## an earlier step\n### StaticLink\n"));
    }

    [Test]
    public void Two_projects_appending_at_once_each_keep_their_sections_whole()
    {
        using var directory = new TempDirectory();
        var summary = directory.Combine("summary.md");
        // Big sections, so that a write split in two (or two writers at one offset) would show.
        var sections = Enumerable.Range(0, 2).Select(writer => string.Concat(Enumerable.Repeat($"project {writer} line\n", 20_000))).ToArray();

        Parallel.For(0, 2, writer =>
        {
            for (var round = 0; round < 10; round++)
            {
                StepSummaryFile.Append(summary, $"<<{writer}:{round}>>\n" + sections[writer]);
            }
        });

        var text = File.ReadAllText(summary);
        Assert.That(text.Length, Is.EqualTo(sections.Sum(section => 10 * section.Length) + (20 * "<<0:0>>\n".Length)));
        foreach (var writer in new[] { 0, 1 })
        {
            for (var round = 0; round < 10; round++)
            {
                var marker = $"<<{writer}:{round}>>\n";
                var start = text.IndexOf(marker, System.StringComparison.Ordinal);
                Assert.That(start, Is.GreaterThanOrEqualTo(0), marker);
                Assert.That(text.Substring(start + marker.Length, sections[writer].Length), Is.EqualTo(sections[writer]), "section " + marker + " was interleaved");
            }
        }
    }
}
