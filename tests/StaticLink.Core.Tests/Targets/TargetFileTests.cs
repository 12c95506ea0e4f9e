using System.IO;
using System.Linq;
using System.Text.Json;
using StaticLink.Core.Elf;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Tests.Targets;

public class TargetFileTests
{
    private const string Valid = """
        // Captured by hand from a container.
        {
          "schemaVersion": 1,
          "id": "custom",
          "libc": { "flavor": "glibc", "version": "2.36", },
          "environment": { "PATH": "/usr/bin" },
          "libraries": [
            { "soname": "libz.so.1", "path": "/usr/lib/libz.so.1", "versions": ["ZLIB_1.2.9"], "versionCeilings": { "GLIBC": "2.14" } },
          ],
        }
        """;

    [Test]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var target = TargetFile.Parse(Valid, "custom.json");

        Assert.That(target.Id, Is.EqualTo("custom"));
        Assert.That(target.Libc, Is.EqualTo(LibcFlavor.Glibc));
        Assert.That(target.LibcVersion!.Text, Is.EqualTo("2.36"));
        Assert.That(target.Environment["PATH"], Is.EqualTo("/usr/bin"));
        var libz = target.Libraries.Single();
        Assert.That(libz.Path, Is.EqualTo("/usr/lib/libz.so.1"));
        Assert.That(libz.Versions, Is.EqualTo(new[] { "ZLIB_1.2.9" }));
        Assert.That(libz.VersionCeilings["GLIBC"].Text, Is.EqualTo("2.14"));
    }

    [Test]
    public void Malformed_json_is_a_target_file_error_with_line_and_column()
    {
        // The comma after "glibc" is missing: line 3, where column 31 is the quote that opens "version".
        var exception = Assert.Throws<TargetFileException>(() => TargetFile.Parse("{\n  \"id\": \"broken\",\n  \"libc\": { \"flavor\": \"glibc\" \"version\": \"2.36\" }\n}", "broken.json"));

        Assert.That(exception!.Message, Does.StartWith("broken.json: line 3, column 31: '\"' is invalid after a value."));
        Assert.That(exception.Message, Does.Not.Contain("LineNumber"));
    }

    [TestCase("{ \"id\": \"x\", \"libc\": { \"flavor\": \"none\" },\n  \"libraries\": \"libz.so.1\" }", "x.json: line 2, column 16: libraries is a string, expected an array")]
    [TestCase("{ \"id\": \"x\", \"libc\": { \"flavor\": \"none\" }, \"libraries\": [ { \"soname\": \"libz.so.1\", \"versions\": [1] } ] }", "x.json: line 1, column 97: an item of \"versions\" is a number, expected a string")]
    [TestCase("{ \"id\": \"x\", \"libc\": { \"flavor\": \"none\" }, \"colour\": \"red\" }", "x.json: line 1, column 54: unknown property \"colour\"")]
    [TestCase("{ \"libc\": { \"flavor\": \"none\" } }", "x.json: line 1, column 1: \"id\" is missing or empty")]
    [TestCase("{ \"id\": \"x\", \"libc\": { \"flavour\": \"musl\" } }", "x.json: line 1, column 22: \"flavor\" is missing or empty")]
    [TestCase("{ \"id\": \"x\", \"libc\": { } }", "x.json: line 1, column 22: \"flavor\" is missing or empty")]
    [TestCase("{ \"id\": \"x\", \"libc\": { \"flavor\": \"none\" }, \"environment\": { \"A\": 1 } }", "x.json: line 1, column 66: environment.A is a number, expected a string")]
    [TestCase("[]", "x.json: line 1, column 1: the document is an array, expected an object")]
    public void A_value_of_the_wrong_kind_says_where_it_is(string json, string expected)
    {
        var exception = Assert.Throws<TargetFileException>(() => TargetFile.Parse(json, "x.json"));

        Assert.That(exception!.Message, Does.StartWith(expected));
    }

    [Test]
    public void A_written_target_file_reads_back_and_keeps_paths_unescaped()
    {
        var target = TargetFile.Parse(Valid.Replace("/usr/lib/libz.so.1", "/opt/zoë+co/libz.so.1", System.StringComparison.Ordinal), "custom.json");
        using var text = new StringWriter();

        TargetFile.Write(target, text);

        var written = text.ToString();
        Assert.That(written, Does.Contain("\"path\": \"/opt/zoë+co/libz.so.1\""));
        Assert.That(written, Does.StartWith("{\n  \"schemaVersion\": 1,\n  \"id\": \"custom\",\n  \"aliases\": [],"));
        using var document = JsonDocument.Parse(written);
        Assert.That(document.RootElement.GetProperty("libc").GetProperty("flavor").GetString(), Is.EqualTo("glibc"));
        var read = TargetFile.Parse(written, "written.json");
        Assert.That(read.Libraries.Single().Path, Is.EqualTo("/opt/zoë+co/libz.so.1"));
        Assert.That(read.Libraries.Single().VersionCeilings["GLIBC"].Text, Is.EqualTo("2.14"));
        Assert.That(read.Environment, Is.EqualTo(target.Environment));
    }
}
