using StaticLink.Core.Json;
using System.Linq;
using System.Text.Json;
using StaticLink.Core.Reporting;

namespace StaticLink.Core.Tests.Reporting;

public class JsonSourceTests
{
    [Test]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        using var source = JsonSource.TryParse("\uFEFF// a rules file written by hand\n{\n  /* two */ \"a\": [1, 2,],\n  \"b\": \"x\",\n}", out var problem);

        Assert.That(problem, Is.Empty);
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.Root.GetProperty("a").EnumerateArray().Select(item => item.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(source.Root.GetProperty("b").GetString(), Is.EqualTo("x"));
    }

    [TestCase("{\n  \"a\": 1\n", 3, 1)]
    [TestCase("{", 1, 2)]
    [TestCase("{\"a\" 1}", 1, 6)]
    [TestCase("[1 2]", 1, 4)]
    [TestCase("{'a': 1}", 1, 2)]
    [TestCase("{\n  \"allow\": [\"libz.so.1\" \"libm.so.6\"]\n}", 2, 25)]
    [TestCase("{}\n\n  x", 3, 3)]
    [TestCase("{\"\u00e9\u00e9\": 1 2}", 1, 10)]
    public void Malformed_json_says_where_in_lines_and_characters_counted_from_1_and_why(string text, int line, int column)
    {
        using var source = JsonSource.TryParse(text, out var problem);

        Assert.That(source, Is.Null);
        Assert.That(problem, Does.StartWith($"line {line}, column {column}: "));
        var reason = problem.Substring($"line {line}, column {column}: ".Length);
        TestContext.Out.WriteLine(problem);
        Assert.That(reason, Is.Not.Empty);
        Assert.That(reason, Does.Not.Contain("LineNumber").And.Not.Contain("BytePositionInLine").And.Not.EndWith("."), "the position is said once, in front");
    }

    [TestCase("")]
    [TestCase("\uFEFF \n\t")]
    public void An_empty_document_says_so(string text)
    {
        using var source = JsonSource.TryParse(text, out var problem);

        Assert.That(source, Is.Null);
        Assert.That(problem, Is.EqualTo("line 1, column 1: the document is empty"));
    }

    [Test]
    public void Nesting_is_bounded_at_64_levels()
    {
        using var allowed = JsonSource.TryParse(new string('[', 64) + new string(']', 64), out var none);
        using var deep = JsonSource.TryParse(new string('[', 65) + new string(']', 65), out var problem);

        Assert.That(allowed, Is.Not.Null, none);
        Assert.That(deep, Is.Null);
        Assert.That(problem, Does.StartWith("line 1, column 65: ").And.Contain("64"));
    }

    [Test]
    public void Size_is_bounded()
    {
        using var source = JsonSource.TryParse("\"" + new string('a', JsonSource.MaximumLength) + "\"", out var problem);

        Assert.That(source, Is.Null);
        Assert.That(problem, Does.StartWith("line 1, column 1: the document is longer than"));
    }

    [Test]
    public void Text_that_is_not_unicode_is_a_problem_not_an_exception()
    {
        using var source = JsonSource.TryParse("\"\ud800\"", out var problem);

        Assert.That(source, Is.Null);
        Assert.That(problem, Does.Contain("lone surrogate"));
    }

    [Test]
    public void A_value_is_found_again_by_its_pointer()
    {
        const string text = "{\n  \"a\": [10, { \"b/c~\": true }],\n  // \"d\": 1\n  \"d\": \"\u00e9\", \"e\": null,\n  \"d\": 2\n}";
        using var source = JsonSource.TryParse(text, out _);

        Assert.That(source!.Position(string.Empty), Is.EqualTo("line 1, column 1"));
        Assert.That(source.Position("/a"), Is.EqualTo("line 2, column 8"));
        Assert.That(source.Position(JsonSource.Child("/a", 0)), Is.EqualTo("line 2, column 9"));
        Assert.That(source.Position(JsonSource.Child(JsonSource.Child("/a", 1), "b/c~")), Is.EqualTo("line 2, column 23"));
        Assert.That(source.Position("/e"), Is.EqualTo("line 4, column 18"), "columns count characters, not bytes");
        Assert.That(source.Position("/d"), Is.EqualTo("line 5, column 8"), "the last of a repeated name, as TryGetProperty finds it");
        Assert.That(JsonSource.Member(source.Root, "d")!.Value.GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Kinds_are_named_for_messages()
    {
        using var source = JsonSource.TryParse("[null, true, false, 1, \"s\", [], {}]", out _);

        Assert.That(source!.Root.EnumerateArray().Select(JsonSource.KindName), Is.EqualTo(new[] { "null", "a boolean", "a boolean", "a number", "a string", "an array", "an object" }));
        Assert.That(JsonSource.Member(source.Root, "a"), Is.Null, "an array has no members");
    }
}
