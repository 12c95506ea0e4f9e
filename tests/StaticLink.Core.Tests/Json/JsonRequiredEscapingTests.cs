using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StaticLink.Core.Json;

namespace StaticLink.Core.Tests.Json;

public class JsonRequiredEscapingTests
{
    private static readonly string[] Texts =
    [
        string.Empty,
        "plain/lib/libfoo.so.1",
        "/home/zoë/out/lib+x<&>'`.so",
        "\"quoted\" back\\slash",
        new string(Enumerable.Range(0, 0x20).Select(code => (char)code).ToArray()),
        "\u007f del, \u0085 next line, \u2028 line separator, \u2029 paragraph separator",
        "日本語 ライブラリ",
        "emoji 😀 and 𝄞",
        "replacement \uFFFD from a name that was not UTF-8",
        "\uFEFF byte order mark and \uFFFF a noncharacter",
    ];

    [Test]
    public void Every_text_reads_back_as_written_from_strings_and_from_utf8()
    {
        foreach (var text in Texts)
        {
            Assert.That(ReadBack(json => json.WriteStringValue(text)), Is.EqualTo(text), text);
            Assert.That(ReadBack(json => json.WriteStringValue(Encoding.UTF8.GetBytes(text))), Is.EqualTo(text), text);
            Assert.That(ReadBack(json => json.WriteString(text, "value"), property: true), Is.EqualTo(text), "as a property name: " + text);
        }
    }

    [Test]
    public void It_reads_back_the_same_as_the_library_relaxed_escaping()
    {
        foreach (var text in Texts)
        {
            Assert.That(
                ReadBack(json => json.WriteStringValue(text)),
                Is.EqualTo(ReadBack(json => json.WriteStringValue(text), JavaScriptEncoder.UnsafeRelaxedJsonEscaping)),
                text);
        }
    }

    [Test]
    public void Only_what_json_requires_is_escaped()
    {
        Assert.That(Written("zoë lib+x<&>'.so 日本 😀"), Is.EqualTo("\"zoë lib+x<&>'.so 日本 😀\""));
        Assert.That(Written("a\"b\\c\nd\te\rf\bg\fh\u0001i\u001fj"), Is.EqualTo("\"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0001i\\u001fj\""));
    }

    [Test]
    public void A_lone_surrogate_or_ill_formed_utf8_still_gives_valid_json()
    {
        var lone = ReadBack(json => json.WriteStringValue("high \uD800 alone, low \uDC00 alone"));
        Assert.That(lone, Does.StartWith("high ").And.EndWith(" alone"));
        Assert.That(lone, Does.Not.Contain("\uD800").And.Not.Contain("\uDC00"));

        // An overlong slash, a cut-short sequence, an encoded surrogate and a stray continuation byte.
        var bytes = new byte[] { (byte)'a', 0xC0, 0xAF, (byte)'b', 0xE2, 0x82, (byte)'c', 0xED, 0xA0, 0x80, (byte)'d', 0x80 };
        var replaced = ReadBack(json => json.WriteStringValue(bytes));
        Assert.That(replaced, Is.EqualTo(ReadBack(json => json.WriteStringValue(bytes), JavaScriptEncoder.UnsafeRelaxedJsonEscaping)));
        Assert.That(replaced, Does.StartWith("a\uFFFD").And.Contains("b\uFFFD").And.Contains("c\uFFFD").And.EndWith("d\uFFFD"));
    }

    [Test]
    public void Well_formed_multibyte_utf8_is_not_escaped_and_every_ill_formed_lead_is_found()
    {
        Assert.That(JsonRequiredEscaping.Instance.FindFirstCharacterToEncodeUtf8("é日😀"u8), Is.EqualTo(-1));
        Assert.That(JsonRequiredEscaping.Instance.FindFirstCharacterToEncodeUtf8("ab\"c"u8), Is.EqualTo(2));
        foreach (var illFormed in new byte[][] { [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFF] })
        {
            var text = new byte[] { (byte)'o', (byte)'k' }.Concat(illFormed).ToArray();
            Assert.That(JsonRequiredEscaping.Instance.FindFirstCharacterToEncodeUtf8(text), Is.EqualTo(2), BitConverter.ToString(illFormed));
        }
    }

    private static string Written(string text)
    {
        using var bytes = new MemoryStream();
        using (var json = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = JsonRequiredEscaping.Instance }))
        {
            json.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string? ReadBack(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder = null, bool property = false)
    {
        using var bytes = new MemoryStream();
        using (var json = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = encoder ?? JsonRequiredEscaping.Instance }))
        {
            if (property)
            {
                json.WriteStartObject();
            }

            write(json);
            if (property)
            {
                json.WriteEndObject();
            }
        }

        using var document = JsonDocument.Parse(bytes.ToArray());
        return property ? document.RootElement.EnumerateObject().Single().Name : document.RootElement.GetString();
    }
}
