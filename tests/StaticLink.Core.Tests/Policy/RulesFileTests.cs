using System.IO;
using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class RulesFileTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "staticlink-rules-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_valid_rules_file_gives_every_kind_of_rule()
    {
        var rules = RulesFile.Parse(
            """
            {
              "$schema": "./staticlink-rules.schema.json",
              "policy": "musl-portable",
              "maxGlibcVersion": 2.28,
              "maxVersions": { "GLIBCXX": "3.4.22", "CXXABI": "1.3.11" },
              "allow": [ "libz.so.1", { "pattern": "libssl.so.*", "reason": "in the base image" } ],
              "deny": [ { "pattern": "libgdiplus.so*" } ],
              "ignore": [ { "pattern": "libcoreclrtraceptprovider.so", "reason": "no LTTng" } ]
            }
            """,
            "rules.json");

        Assert.That(rules.Problems, Is.Empty);
        Assert.That(rules.PolicyName, Is.EqualTo("musl-portable"));
        Assert.That(rules.MaxGlibcVersion, Is.EqualTo("2.28"));
        Assert.That(rules.MaxVersions, Is.EqualTo(new[] { new VersionLimit("GLIBCXX", "3.4.22"), new VersionLimit("CXXABI", "1.3.11") }));
        Assert.That(rules.Allow, Is.EqualTo(new[] { new LibraryRule("libz.so.1"), new LibraryRule("libssl.so.*", "in the base image") }));
        Assert.That(rules.Deny, Is.EqualTo(new[] { new LibraryRule("libgdiplus.so*") }));
        Assert.That(rules.Ignore, Is.EqualTo(new[] { new IgnoreRule("libcoreclrtraceptprovider.so", "no LTTng") }));
    }

    [Test]
    public void Malformed_json_is_one_finding_with_line_and_column()
    {
        // The comma between the two patterns is missing: line 2, where column 25 is the quote that opens "libm.so.6".
        var rules = RulesFile.Parse("{\n  \"allow\": [\"libz.so.1\" \"libm.so.6\"]\n}", "/tmp/x/rules.json");

        var problem = rules.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(problem.File, Is.EqualTo("/tmp/x/rules.json"));
        Assert.That(problem.Message, Does.StartWith("The rules file rules.json is invalid: line 2, column 25: '\"' is invalid after a value."));
        Assert.That(problem.Shown(), Does.EndWith(". Fix the JSON syntax."));
        Assert.That(problem.Message, Does.Not.Contain("LineNumber").And.Not.Contain("   at "), "the position once, no stack trace");
    }

    [Test]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var rules = RulesFile.Parse(
            """
            // Written by hand, so commented.
            {
              "allow": [
                "libz.so.1", /* zlib is in every base image */
                "libssl.so.*",
              ],
            }
            """,
            "rules.json");

        Assert.That(rules.Problems, Is.Empty);
        Assert.That(rules.Allow, Is.EqualTo(new[] { new LibraryRule("libz.so.1"), new LibraryRule("libssl.so.*") }));
    }

    [Test]
    public void An_unclosed_rules_file_says_where_it_ends()
    {
        var rules = RulesFile.Parse("{\n  \"allow\": [\"libz.so.1\"", "rules.json");

        Assert.That(rules.Problems.Single().Message, Does.StartWith("The rules file rules.json is invalid: line 2, column "));
        Assert.That(rules.Allow, Is.Empty, "nothing of a malformed file is kept");
    }

    [Test]
    public void Schema_errors_point_at_the_value_and_valid_rules_are_kept()
    {
        var rules = RulesFile.Parse(
            """
            {
              "polcy": "static",
              "allow": "libz.so.1",
              "deny": [ 42, { "pattern": "libx.so", "why": "typo" }, { "reason": "no pattern" }, "libok.so" ],
              "maxVersions": { "GLIBC": true },
              "policy": ["static"]
            }
            """,
            "rules.json");

        var messages = rules.Problems.Select(problem => problem.Message).ToList();
        Assert.That(messages, Has.Count.EqualTo(7));
        Assert.That(messages[0], Does.StartWith("The rules file rules.json is invalid: line 2, column 12: unknown property \"polcy\"."));
        Assert.That(messages[1], Does.StartWith("The rules file rules.json is invalid: line 3, column 12: \"allow\" is a string, expected an array."));
        Assert.That(messages[2], Does.StartWith("The rules file rules.json is invalid: line 4, column 13: an item of \"deny\" is a number, expected a string or an object."));
        Assert.That(messages[3], Does.Contain("unknown property \"why\" in an item of \"deny\""));
        Assert.That(messages[4], Does.Contain("an item of \"deny\" has no \"pattern\""));
        Assert.That(messages[5], Does.Contain("line 5, column 29: \"maxVersions\".\"GLIBC\" is a boolean"));
        Assert.That(messages[6], Does.Contain("\"policy\" is an array, expected a string"));
        Assert.That(rules.Deny.Select(rule => rule.Pattern), Is.EqualTo(new[] { "libx.so", "libok.so" }));
    }

    [Test]
    public void A_missing_rules_file_is_a_finding_not_an_exception()
    {
        var rules = RulesFile.Load(Path.Combine(_directory, "missing.json"));

        Assert.That(rules.Problems.Single().Message, Does.Contain("the rules file does not exist"));
    }

    [Test]
    public void A_rules_file_that_is_not_utf8_is_a_finding()
    {
        var path = Path.Combine(_directory, "latin1.json");
        File.WriteAllBytes(path, [(byte)'{', (byte)'"', 0xE9, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var rules = RulesFile.Load(path);

        Assert.That(rules.Problems.Single().Message, Does.Contain("could not be read"));
    }

    [Test]
    public void The_checker_merges_the_rules_file_with_the_options_and_explicit_options_win()
    {
        var path = Path.Combine(_directory, "rules.json");
        File.WriteAllText(path, """{ "policy": "static", "maxGlibcVersion": "2.17", "allow": ["libz.so.1", ""], "ignore": ["libskip.so"] }""");
        var options = new CheckOptions
        {
            Root = _directory,
            RuntimeIdentifier = "linux-x64",
            PolicyName = "glibc-portable",
            MaxGlibcVersion = "2.28",
            Allow = [new LibraryRule("libbz2.so.1.0")],
            RulesFile = path,
        };

        var rules = RuleSetBuilder.Build(options);

        Assert.That(rules.Targets.Single().Description.Id, Is.EqualTo("glibc-portable"));
        Assert.That(rules.VersionLimits.Single().Maximum.Text, Is.EqualTo("2.28"));
        Assert.That(rules.Allow.Select(rule => rule.DisplayName), Is.EqualTo(new[] { "StaticLinkAllow libbz2.so.1.0", "allow in rules.json libz.so.1" }));
        Assert.That(rules.Ignore.Single().Pattern, Is.EqualTo("libskip.so"));
        var problem = rules.Problems.Single();
        Assert.That(problem.Shown(), Is.EqualTo("allow in rules.json has an empty pattern. Give a soname or a glob such as libz.so.1 or libz.so.*, or remove the rule."));
        Assert.That(problem.File, Is.EqualTo(path));
    }

    [Test]
    public void The_rules_files_policy_applies_when_no_option_sets_one()
    {
        var path = Path.Combine(_directory, "rules.json");
        File.WriteAllText(path, """{ "policy": "statik" }""");

        var rules = RuleSetBuilder.Build(new CheckOptions { Root = _directory, RuntimeIdentifier = "linux-musl-x64", RulesFile = path });

        Assert.That(rules.Problems.Single().Message, Does.StartWith("policy in rules.json 'statik' is not a built-in policy"));
        Assert.That(rules.Problems.Single().Rule, Is.EqualTo("policy in rules.json"));
        Assert.That(rules.CannotCheck, Is.True, "an unknown policy stops the check rather than falling back to another");
    }
}
