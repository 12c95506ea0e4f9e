using System.Linq;
using System.IO;
using System.Text;

namespace StaticLink.Tasks.Tests;

/// <summary>The records between the task and the engine process carry any text, and null, unchanged.</summary>
public sealed class EngineProtocolTests
{
    [Test]
    public void Fields_with_tabs_line_breaks_backslashes_empty_and_null_cross_unchanged()
    {
        var fields = new[] { "plain", "a\tb", "two\nlines\r\n", "back\\slash \\t not a tab", string.Empty, null, "\\0", "ünïcödé" };
        var line = new StringBuilder();

        EngineProtocol.Append(line, EngineProtocol.Message, fields);

        var text = line.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text.IndexOf('\n'), Is.EqualTo(text.Length - 1), "one record is one line");
            Assert.That(EngineProtocol.Split(text[..^1]), Is.EqualTo(new[] { EngineProtocol.Message }.Concat(fields)));
        });
    }

    [Test]
    public void A_request_of_another_version_is_answered_with_a_failure_and_nothing_else()
    {
        using var answer = new StringWriter();

        var exitCode = EngineProcessServer.Run(new StringReader("staticlink-engine 0\n"), answer);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(EngineProcessServer.FailedExitCode));
            Assert.That(answer.ToString(), Does.StartWith(EngineProtocol.Failed + "\t").And.Contain(EngineProtocol.Version));
            Assert.That(answer.ToString().TrimEnd('\n'), Does.Not.Contain('\n'));
        });
    }

    [Test]
    public void An_unknown_record_is_answered_with_a_failure()
    {
        using var answer = new StringWriter();

        var exitCode = EngineProcessServer.Run(new StringReader(EngineProtocol.Version + "\nX\tsomething\n"), answer);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(EngineProcessServer.FailedExitCode));
            Assert.That(answer.ToString(), Does.StartWith(EngineProtocol.Failed + "\tInvalidDataException: an unknown record: X"));
        });
    }
}
