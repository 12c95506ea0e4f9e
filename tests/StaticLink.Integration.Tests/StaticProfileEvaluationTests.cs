using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace StaticLink.Integration.Tests;

/// <summary>
/// What the static profile sets, read by evaluation (`dotnet msbuild -getProperty:...`), for runtime identifiers this
/// machine cannot publish NativeAOT for (the musl NativeAOT packs are not served here) as well as for glibc ones:
/// static-pie stays on musl, PIE is turned off on glibc, and every value the project sets itself wins.
/// </summary>
public sealed class StaticProfileEvaluationTests : IntegrationTest
{
    private static readonly string[] Settings =
        ["PublishAot", "StaticExecutable", "PositionIndependentExecutable", "InvariantGlobalization", "StripSymbols", "StaticLinkPolicy"];

    private ScenarioProject _profile = null!;
    private ScenarioProject _userSettings = null!;

    [OneTimeSetUp]
    public void CreateProjects()
    {
        _profile = ScenarioProject.Create("staticprofileevaluation", Project(string.Empty));
        _userSettings = ScenarioProject.Create("staticprofileusersettings", Project("""
            <InvariantGlobalization>false</InvariantGlobalization>
            <StripSymbols>false</StripSymbols>
            <PositionIndependentExecutable>true</PositionIndependentExecutable>
            <StaticLinkPolicy>glibc-portable</StaticLinkPolicy>
            """));
    }

    [TestCase("linux-musl-x64")]
    [TestCase("linux-musl-arm64")]
    public void On_musl_the_profile_turns_on_NativeAOT_and_StaticExecutable_and_keeps_static_pie(string rid)
    {
        var properties = Evaluate(_profile, rid);

        Assert.That(properties["PublishAot"], Is.EqualTo("true"));
        Assert.That(properties["StaticExecutable"], Is.EqualTo("true"));
        Assert.That(properties["PositionIndependentExecutable"], Is.Not.EqualTo("false"), "musl links static-pie: PIE is not forced off");
        Assert.That(properties["InvariantGlobalization"], Is.EqualTo("true"));
        Assert.That(properties["StripSymbols"], Is.EqualTo("true"));
        Assert.That(properties["StaticLinkPolicy"], Is.EqualTo("static"));
    }

    [TestCase("linux-x64")]
    [TestCase("linux-arm64")]
    public void On_glibc_the_profile_also_turns_PIE_off_because_static_pie_does_not_link_there(string rid)
    {
        var properties = Evaluate(_profile, rid);

        Assert.That(properties["PublishAot"], Is.EqualTo("true"));
        Assert.That(properties["StaticExecutable"], Is.EqualTo("true"));
        Assert.That(properties["PositionIndependentExecutable"], Is.EqualTo("false"));
        Assert.That(properties["InvariantGlobalization"], Is.EqualTo("true"));
        Assert.That(properties["StripSymbols"], Is.EqualTo("true"));
        Assert.That(properties["StaticLinkPolicy"], Is.EqualTo("static"));
    }

    [TestCase("linux-x64")]
    [TestCase("linux-musl-x64")]
    public void Values_the_project_sets_win_over_the_profile(string rid)
    {
        var properties = Evaluate(_userSettings, rid);

        Assert.That(properties["InvariantGlobalization"], Is.EqualTo("false"));
        Assert.That(properties["StripSymbols"], Is.EqualTo("false"));
        Assert.That(properties["PositionIndependentExecutable"], Is.EqualTo("true"));
        Assert.That(properties["StaticLinkPolicy"], Is.EqualTo("glibc-portable"));
        Assert.That(properties["PublishAot"], Is.EqualTo("true"), "what the project left unset is still applied");
        Assert.That(properties["StaticExecutable"], Is.EqualTo("true"));
    }

    [Test]
    public void A_value_given_on_the_command_line_wins_too()
    {
        var properties = Evaluate(_profile, "linux-x64", "-p:InvariantGlobalization=false", "-p:PositionIndependentExecutable=true");

        Assert.That(properties["InvariantGlobalization"], Is.EqualTo("false"));
        Assert.That(properties["PositionIndependentExecutable"], Is.EqualTo("true"));
        Assert.That(properties["StaticExecutable"], Is.EqualTo("true"));
    }

    [TestCase("win-x64")]
    [TestCase("osx-arm64")]
    [TestCase("")]
    public void Other_runtime_identifiers_are_left_unchanged(string rid)
    {
        var properties = Evaluate(_profile, rid);

        Assert.That(properties["PublishAot"], Is.Empty);
        Assert.That(properties["StaticExecutable"], Is.Empty);
        Assert.That(properties["PositionIndependentExecutable"], Is.Empty);
        Assert.That(properties["StaticLinkPolicy"], Is.Empty);
    }

    [Test]
    public void Without_the_profile_nothing_is_set()
    {
        var properties = Evaluate(_profile, "linux-x64", "-p:StaticLinkProfile=");

        Assert.That(Settings.Select(setting => properties[setting]), Is.All.Empty);
    }

    [Test]
    public void StaticICULinking_in_a_static_executable_gets_libm_after_the_ICU_archives()
    {
        var withIcu = LinkerArguments(_profile, "-p:InvariantGlobalization=false", "-p:StaticICULinking=true");
        var invariant = LinkerArguments(_profile, "-p:StaticICULinking=true");
        var dynamic = LinkerArguments(_profile, "-p:InvariantGlobalization=false", "-p:StaticICULinking=true", "-p:StaticExecutable=false");

        Assert.That(withIcu, Does.Contain("-lm"), "NativeAOT 8 puts -lm before the ICU archives; the static link needs it again after them");
        Assert.That(invariant, Does.Not.Contain("-lm"), "no ICU is linked with invariant globalization");
        Assert.That(dynamic, Does.Not.Contain("-lm"), "a dynamic link resolves libm.so in any order");
    }

    private static string Project(string properties) => $"""
        <Project Sdk="StaticLink.Sdk/{PackageFeed.Version}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <StaticLinkProfile>static</StaticLinkProfile>
            {properties}
          </PropertyGroup>
        </Project>
        """;

    /// <summary>The ExtraLinkerArg items NativeAOT appends to its link, on linux-x64.</summary>
    private static string[] LinkerArguments(ScenarioProject project, params string[] extra)
    {
        var result = project.MSBuild(["-getItem:ExtraLinkerArg", "-getProperty:StaticExecutable", "-p:RuntimeIdentifier=linux-x64", .. extra]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', System.StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").TryGetProperty("ExtraLinkerArg", out var items)
            ? items.EnumerateArray().Select(item => item.GetProperty("Identity").GetString() ?? string.Empty).ToArray()
            : [];
    }

    private static Dictionary<string, string> Evaluate(ScenarioProject project, string rid, params string[] extra)
    {
        var result = project.MSBuild([.. Settings.Select(setting => "-getProperty:" + setting), "-p:RuntimeIdentifier=" + rid, .. extra]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var start = result.Output.IndexOf('{', System.StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), result.ToString());
        using var json = JsonDocument.Parse(result.Output[start..]);
        var properties = json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? string.Empty);
        Assert.That(properties.Keys, Is.EquivalentTo(Settings), result.ToString());
        TestContext.Out.WriteLine($"{rid}: " + string.Join(", ", Settings.Select(setting => $"{setting}={properties[setting]}")));
        return properties;
    }
}
