using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// The static profile end to end: &lt;Project Sdk="StaticLink.Sdk/x.y.z"&gt; with StaticLinkProfile=static on a net8.0
/// console app, published for linux-x64. One NativeAOT publish; each test looks at one side of its result.
/// </summary>
public sealed class StaticProfileNativeAotTests : IntegrationTest
{
    private const string Name = "staticprofile";
    private const string Rid = "linux-x64";
    private const string Greeting = "Hello from the static profile";

    private ScenarioProject _project = null!;
    private CommandResult _publish = null!;

    private string Executable => Path.Combine(_project.PublishDirectory("net8.0", Rid), Name);

    [OneTimeSetUp]
    public void Publish()
    {
        _project = ScenarioProject.Create(
            Name,
            $"""
            <Project Sdk="StaticLink.Sdk/{PackageFeed.Version}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <StaticLinkProfile>static</StaticLinkProfile>
              </PropertyGroup>
            </Project>
            """,
            $"System.Console.WriteLine(\"{Greeting}\");\n");
        _publish = _project.Publish("-r", Rid);
    }

    [Test]
    public void The_publish_succeeds_and_says_which_settings_the_profile_applied()
    {
        AssertSucceeded(_publish);
        Assert.That(
            _publish.Output,
            Does.Contain("StaticLink static profile for linux-x64: PublishAot=true [applied], StaticExecutable=true [applied], InvariantGlobalization=true [applied], StripSymbols=true [applied], PositionIndependentExecutable=false [applied], StaticLinkPolicy=static [applied]"),
            _publish.ToString());
        Assert.That(_publish.Output, Does.Contain("IlcCompile:"), "NativeAOT compiled the app");
    }

    [Test]
    public void The_executable_runs()
    {
        AssertSucceeded(_publish);

        var (exitCode, output) = StaticProfileTools.Run(Executable, _project.Directory);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo(Greeting));
    }

    [Test]
    public void Readelf_and_StaticLinks_reader_agree_it_has_no_interpreter_and_no_NEEDED()
    {
        AssertSucceeded(_publish);

        var readelf = StaticProfileTools.ReadElf(Executable);
        var ours = ElfReader.Read(Executable);

        Assert.Multiple(() =>
        {
            Assert.That(readelf.Interpreter, Is.Null, readelf.Text);
            Assert.That(readelf.Text, Does.Not.Contain("INTERP"), "no PT_INTERP program header");
            Assert.That(readelf.Needed, Is.Empty, readelf.Text);
            Assert.That(readelf.Text, Does.Contain("There is no dynamic section in this file."));
            Assert.That(ours.Interpreter, Is.Null);
            Assert.That(ours.Needed, Is.Empty);
            Assert.That(ours.HasDynamicTable, Is.False);
            Assert.That(ours.IsFullyStatic, Is.True);
            Assert.That(ours.Linkage, Is.EqualTo(ElfLinkage.Static));
            Assert.That(ours.Type, Is.EqualTo(ElfFileType.Executable), "PositionIndependentExecutable=false: a classic static executable, not static-pie");
            Assert.That(ours.Libc, Is.EqualTo(LibcFlavor.Glibc), "glibc found in the binary itself");
        });
    }

    [Test]
    public void The_static_policy_passes_with_SL2002_for_the_static_glibc()
    {
        AssertSucceeded(_publish);

        Assert.That(_publish.Output, Does.Contain($"({Rid}, target static)"), "the check ran with the static policy");
        var nss = Diagnostics(_publish, "SL2002");
        Assert.That(nss, Has.Length.EqualTo(1), _publish.ToString());
        Assert.That(nss[0].Kind, Is.EqualTo("warning"));
        Assert.That(nss[0].File, Is.EqualTo(Executable));
        Assert.That(nss[0].Message, Does.Contain("linux-musl-x64"), "points to musl");
        Assert.That(Diagnostics(_publish, "SL1003"), Is.Empty);

        using var report = StaticProfileTools.Report(_project, "net8.0", Rid);
        Assert.That(report.RootElement.GetProperty("policy").GetString(), Is.EqualTo("static"));
        Assert.That(report.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        var app = StaticProfileTools.ReportedFile(report, Name);
        Assert.That(app.GetProperty("fullyStatic").GetBoolean(), Is.True);
        Assert.That(app.GetProperty("linkage").GetString(), Is.EqualTo("static"));
        Assert.That(app.GetProperty("libc").GetString(), Is.EqualTo("glibc"));
        Assert.That(app.GetProperty("interpreter").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(app.GetProperty("needed").GetArrayLength(), Is.Zero);
        Assert.That(app.GetProperty("verdict").GetString(), Is.EqualTo("warn"));
        Assert.That(StaticProfileTools.SummaryRow(_publish.Output, Name), Does.Match(@"\sstatic\s+glibc\s+-\s+-\s+yes\s+warn$"), "fully static: yes");
    }

    [Test]
    public void The_report_gives_the_stripped_size_and_the_debug_file_beside_it()
    {
        AssertSucceeded(_publish);
        var debugFile = Executable + ".dbg";
        Assert.That(File.Exists(debugFile), Is.True, "StripSymbols=true leaves NativeAOT's symbols beside the executable");
        var size = new FileInfo(Executable).Length;
        var debugSize = new FileInfo(debugFile).Length;
        TestContext.Out.WriteLine($"static hello world: {size} bytes stripped, {Name}.dbg {debugSize} bytes, {size + debugSize} together");

        using var report = StaticProfileTools.Report(_project, "net8.0", Rid);
        var app = StaticProfileTools.ReportedFile(report, Name);
        Assert.That(app.GetProperty("size").GetInt64(), Is.EqualTo(size));
        Assert.That(app.GetProperty("stripped").GetBoolean(), Is.True);
        Assert.That(app.GetProperty("strippedSize").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "nothing left to strip");
        Assert.That(app.GetProperty("debugCompanion").GetString(), Is.EqualTo(Name + ".dbg"));
        Assert.That(app.GetProperty("debugCompanionSize").GetInt64(), Is.EqualTo(debugSize));
        Assert.That(app.GetProperty("unstrippedSize").GetInt64(), Is.EqualTo(size + debugSize));
        var debug = StaticProfileTools.ReportedFile(report, Name + ".dbg");
        Assert.That(debug.GetProperty("kind").GetString(), Is.EqualTo("debug-symbols"));
        Assert.That(debug.GetProperty("verdict").GetString(), Is.EqualTo("pass"), "a debug file is never loaded");

        Assert.That(StaticProfileTools.SummaryRow(_publish.Output, Name), Does.Contain($"yes, +{StaticLink.Core.Reporting.TextSummary.FormatSize(debugSize)} in {Name}.dbg"));
    }
}
