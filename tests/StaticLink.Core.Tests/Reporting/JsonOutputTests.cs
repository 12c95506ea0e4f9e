using StaticLink.Core.Json;
using System.IO;
using System.Text;
using System.Text.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Tests.Reporting;

public class JsonOutputTests
{
    private const string Awkward = "/home/zoë/out/lib+x<&>'.so \"quoted\" back\\slash\ttab\u0001";

    [Test]
    public void Paths_and_messages_are_not_escaped_beyond_what_json_requires()
    {
        using var text = new StringWriter();

        Write(text);

        var written = text.ToString();
        Assert.That(written, Does.Contain("/home/zoë/out/lib+x<&>'.so \\\"quoted\\\" back\\\\slash\\ttab\\u0001"));
        Assert.That(written, Does.StartWith("before\n{\n  \"path\": "), "indented by two spaces");
        Assert.That(written, Does.EndWith("\n}after\n"));
        using var document = JsonDocument.Parse(written.Substring("before\n".Length, written.Length - "before\n".Length - "after\n".Length));
        Assert.That(document.RootElement.GetProperty("path").GetString(), Is.EqualTo(Awkward));
        Assert.That(document.RootElement.GetProperty("empty").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void A_utf8_stream_writer_gets_the_same_text_in_the_same_order()
    {
        using var expected = new StringWriter();
        Write(expected);
        using var bytes = new MemoryStream();

        using (var stream = new StreamWriter(bytes, new UTF8Encoding(false), 16))
        {
            Write(stream);
        }

        Assert.That(Encoding.UTF8.GetString(bytes.ToArray()), Is.EqualTo(expected.ToString()));
    }

    private static void Write(TextWriter output)
    {
        output.Write("before\n");
        using (var json = new JsonOutput(output))
        {
            json.Json.WriteStartObject();
            json.Json.WriteString("path", Awkward);
            json.Json.WriteStartArray("empty");
            json.Json.WriteEndArray();
            json.Flush();
            json.Json.WriteNumber("size", 4096);
            json.Json.WriteEndObject();
        }

        output.Write("after\n");
    }
}
