using System.Linq;
using StaticLink.Core.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Tests.Reporting;

public class JsonReaderTests
{
    [Test]
    public void Every_kind_of_value_is_read_with_its_position()
    {
        var value = JsonReader.Parse("\uFEFF{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\u00e9\\n\\\"\\\\\\/\",\n  \"c\": {}\n}");

        Assert.That(value.Kind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(value.Members.Select(member => member.Key), Is.EqualTo(new[] { "a", "b", "c" }));
        var array = value["a"]!;
        Assert.That(array.Line, Is.EqualTo(2));
        Assert.That(array.Column, Is.EqualTo(8));
        Assert.That(array.Items.Select(item => item.Kind), Is.EqualTo(new[] { JsonValueKind.Number, JsonValueKind.Number, JsonValueKind.Boolean, JsonValueKind.Boolean, JsonValueKind.Null }));
        Assert.That(array.Items[1].Text, Is.EqualTo("-2.5e3"));
        Assert.That(array.Items[2].Boolean, Is.True);
        Assert.That(value["b"]!.Text, Is.EqualTo("x\u00e9\n\"\\/"));
        Assert.That(value["c"]!.Members, Is.Empty);
        Assert.That(value["missing"], Is.Null);
    }

    [TestCase("", 1, 1, "the document is empty")]
    [TestCase("{", 1, 2, "unexpected end of the document inside an object")]
    [TestCase("{\"a\" 1}", 1, 6, "unexpected '1', expected ':' after the property name")]
    [TestCase("{\"a\": 1,}", 1, 9, "unexpected '}', expected a property name in double quotes")]
    [TestCase("[1 2]", 1, 4, "unexpected '2', expected ',' or ']'")]
    [TestCase("{'a': 1}", 1, 2, "unexpected ''', expected a property name in double quotes")]
    [TestCase("[tru]", 1, 2, "unexpected 't', expected a value (strings need double quotes)")]
    [TestCase("\"abc", 1, 5, "unterminated string")]
    [TestCase("\"a\nb\"", 1, 3, "unterminated string (a line break inside a string must be written \\n)")]
    [TestCase("\"\\x\"", 1, 3, "invalid escape '\\x' in a string")]
    [TestCase("\"\\u12G4\"", 1, 6, "a \\u escape needs four hexadecimal digits")]
    [TestCase("01", 1, 2, "a number must not have leading zeros")]
    [TestCase("1.", 1, 3, "a number needs digits after the decimal point")]
    [TestCase("-", 1, 2, "a number needs digits")]
    [TestCase("{}\n\n  x", 3, 3, "unexpected 'x' after the end of the document")]
    public void Malformed_json_says_where_and_why(string text, int line, int column, string reason)
    {
        var exception = Assert.Throws<JsonParseException>(() => JsonReader.Parse(text));

        Assert.That(exception!.Line, Is.EqualTo(line));
        Assert.That(exception.Column, Is.EqualTo(column));
        Assert.That(exception.Reason, Is.EqualTo(reason));
        Assert.That(exception.Message, Is.EqualTo($"line {line}, column {column}: {reason}"));
    }

    [Test]
    public void Nesting_is_bounded()
    {
        var deep = new string('[', JsonReader.MaximumDepth + 1) + new string(']', JsonReader.MaximumDepth + 1);
        var allowed = new string('[', JsonReader.MaximumDepth) + new string(']', JsonReader.MaximumDepth);

        Assert.That(JsonReader.Parse(allowed).Kind, Is.EqualTo(JsonValueKind.Array));
        var exception = Assert.Throws<JsonParseException>(() => JsonReader.Parse(deep));
        Assert.That(exception!.Reason, Is.EqualTo("nesting deeper than 64 levels"));
    }

    [Test]
    public void Size_is_bounded()
    {
        var huge = "\"" + new string('a', JsonReader.MaximumLength) + "\"";

        var exception = Assert.Throws<JsonParseException>(() => JsonReader.Parse(huge));

        Assert.That(exception!.Reason, Does.StartWith("the document is longer than"));
    }

    [Test]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        using var text = new System.IO.StringWriter();
        var writer = new JsonWriter(text);
        writer.StartObject();
        writer.Property("control", "a\u0001b\u2028c\t\"");
        writer.StringArray("list", ["x", "y"]);
        writer.EndObject();

        var value = JsonReader.Parse(text.ToString());

        Assert.That(value["control"]!.Text, Is.EqualTo("a\u0001b\u2028c\t\""));
        Assert.That(value["list"]!.Items.Select(item => item.Text), Is.EqualTo(new[] { "x", "y" }));
    }
}
