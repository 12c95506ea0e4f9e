using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// A NuGet package whose P/Invoke library needs a second library of the same package: libacme.so NEEDs libfoo.so.1,
/// both land in the publish folder. The loader looks for libfoo.so.1 in libacme.so's run paths and the system, never
/// beside libacme.so, so without RUNPATH $ORIGIN the call fails (SL1009); with it, it works. Both verdicts are proved
/// by running the app in a chroot of the same Debian 12 root that is the target.
/// </summary>
public sealed class UnreachableLibraryTests : IntegrationTest
{
    private const string Rid = "linux-x64";
    private const string NoRunPathId = "StaticLinkTests.AcmeNoRunPath";
    private const string OriginRunPathId = "StaticLinkTests.AcmeOriginRunPath";

    private const string FooSource = "int foo_answer(void) { return 41; }\n";
    private const string AcmeSource = "int foo_answer(void);\nint acme_answer(void) { return foo_answer() + 1; }\n";

    private const string Program = """
        System.Console.WriteLine($"acme_answer() = {Native.acme_answer()}");

        internal static class Native
        {
            [System.Runtime.InteropServices.DllImport("acme")]
            public static extern int acme_answer();
        }
        """;

    private readonly List<StaticProfileTestPackage> _packages = [];

    [OneTimeSetUp]
    public void WritePackages()
    {
        _packages.Add(WriteAcmePackage(NoRunPathId, []));
        // '$ORIGIN' reaches the library's own directory: the loader expands it, not a shell (no shell runs here).
        _packages.Add(WriteAcmePackage(OriginRunPathId, ["-Wl,-rpath,$ORIGIN"]));
    }

    [OneTimeTearDown]
    public void DeletePackagesFromCache() => _packages.ForEach(package => package.DeleteFromCache());

    [Test]
    public void A_package_library_that_needs_its_neighbour_without_RUNPATH_ORIGIN_is_SL1009_and_the_call_really_fails()
    {
        var full = RootFilesystem.GlibcFull();
        var project = AcmeProject("acmenorunpath", NoRunPathId, full);
        var output = project.PublishDirectory("net10.0", Rid);

        var result = project.Publish("-r", Rid);

        AssertFailedCleanly(result);
        var errors = MSBuildDiagnostic.Parse(result.Output).Where(diagnostic => diagnostic.Kind == "error").ToArray();
        TestContext.Out.WriteLine(string.Join("\n", errors.Select(error => error.ToString())));
        Assert.That(errors.Select(error => error.Code), Is.EqualTo(new[] { "SL1009" }), result.ToString());
        var unreachable = errors[0];
        Assert.Multiple(() =>
        {
            Assert.That(unreachable.File, Is.EqualTo(Path.Combine(output, "libacme.so")), result.ToString());
            Assert.That(unreachable.Message, Does.Contain($"libacme.so needs libfoo.so.1, which the output has as libfoo.so.1, out of the loader's reach. It comes from {NoRunPathId} {StaticProfileTestPackage.Version}."));
            Assert.That(unreachable.Message, Does.Contain("libacme.so has no RPATH or RUNPATH"));
            Assert.That(unreachable.Message, Does.Contain("Link libacme.so with -Wl,-rpath,'$ORIGIN' or set it afterwards with patchelf --set-rpath '$ORIGIN' libacme.so."));
            Assert.That(unreachable.Message, Does.Contain($"libacme.so comes from {NoRunPathId} {StaticProfileTestPackage.Version}: ask its authors for RUNPATH $ORIGIN"));
        });

        // The truth: .NET dlopens libacme.so by its full path, and the loader then cannot find libfoo.so.1.
        var run = RealLoader.RunApp(full, output, "acmenorunpath", []);
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Not.Zero, run.Describe());
        Assert.That(run.StandardError, Does.Contain("System.DllNotFoundException"), run.Describe());
        Assert.That(run.StandardError, Does.Contain("libfoo.so.1: cannot open shared object file"), run.Describe());
        var verdict = RealLoader.Ask(full, output, "libacme.so");
        Assert.That(verdict.Missing, Is.EqualTo(new[] { "libfoo.so.1" }), verdict.Summary());
    }

    [Test]
    public void The_same_libraries_linked_with_RUNPATH_ORIGIN_pass_and_the_call_really_works()
    {
        var full = RootFilesystem.GlibcFull();
        var project = AcmeProject("acmeorigin", OriginRunPathId, full);
        var output = project.PublishDirectory("net10.0", Rid);

        var result = project.Publish("-r", Rid);

        AssertSucceeded(result);
        Assert.That(MSBuildDiagnostic.Parse(result.Output), Is.Empty, result.ToString());
        Assert.That(result.Output, Does.Match(@"native files checked against .*: passed, 0 errors, 0 warnings\."), result.ToString());

        var run = RealLoader.RunApp(full, output, "acmeorigin", []);
        TestContext.Out.WriteLine(run.Describe());
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("acme_answer() = 42"), run.Describe());
    }

    /// <summary>libfoo.so.1 (SONAME libfoo.so.1) and libacme.so (NEEDED libfoo.so.1, run path as given) in runtimes/linux-x64/native/.</summary>
    private static StaticProfileTestPackage WriteAcmePackage(string id, string[] acmeLinkOptions)
    {
        var directory = Path.Combine(PackageFeed.WorkDirectory, "native-" + id);
        var foo = Path.Combine(directory, "libfoo.so.1");
        var acme = Path.Combine(directory, "libacme.so");
        StaticProfileTools.Compile("gcc", FooSource, foo, "-shared", "-fPIC", "-Wl,-soname,libfoo.so.1");
        // Compile puts the options before the source, where --as-needed would drop a library no object has used yet.
        StaticProfileTools.Compile("gcc", AcmeSource, acme, ["-shared", "-fPIC", .. acmeLinkOptions, "-L" + directory, "-Wl,--no-as-needed", "-l:libfoo.so.1"]);

        // readelf is the ground truth for what the package ships: the NEEDED entry, and a run path only when asked.
        var (_, needed, text) = StaticProfileTools.ReadElf(acme);
        Assert.That(needed, Does.Contain("libfoo.so.1"), text);
        Assert.That(text.Contains("(RUNPATH)", System.StringComparison.Ordinal) || text.Contains("(RPATH)", System.StringComparison.Ordinal), Is.EqualTo(acmeLinkOptions.Length > 0), text);

        return StaticProfileTestPackage.Write(id, new Dictionary<string, string>
        {
            ["runtimes/linux-x64/native/libacme.so"] = acme,
            ["runtimes/linux-x64/native/libfoo.so.1"] = foo,
        });
    }

    private static ScenarioProject AcmeProject(string name, string packageId, RootFilesystem root) => ScenarioProject.Create(name, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <SelfContained>true</SelfContained>
            <InvariantGlobalization>true</InvariantGlobalization>
            <StaticLinkTarget>{root.Path}</StaticLinkTarget>
          </PropertyGroup>
          <ItemGroup>
            {ScenarioProject.PackageReference}
            <PackageReference Include="{packageId}" Version="{StaticProfileTestPackage.Version}" />
          </ItemGroup>
        </Project>
        """, Program);
}
