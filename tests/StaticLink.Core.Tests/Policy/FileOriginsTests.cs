using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using StaticLink.Core.Policy;
using StaticLink.Core.Scanning;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Policy;

/// <summary>
/// Where files come from: the explicit origins (the task's publish items) win, and the deps.json is read only when
/// some native file has none. A deps.json entry for a file not in the output ("libghost.so") shows whether it was read.
/// </summary>
public class FileOriginsTests
{
    private const string Deps = """
        {
          "targets": {
            ".NETCoreApp,Version=v10.0/linux-x64": {
              "Native.Package/2.0.0": { "native": { "runtimes/linux-x64/native/libnative.so": {}, "runtimes/linux-x64/native/libghost.so": {} } }
            }
          }
        }
        """;

    private static string RuntimeLibrary => Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so");

    [Test]
    public void Without_explicit_origins_the_deps_json_names_the_package_and_the_app_host_is_found_by_its_layout()
    {
        using var output = Output();

        var origins = FileOrigins.Complete(new Dictionary<string, string>(), new OutputScanner().Scan(output.Path));

        Assert.That(origins["libnative.so"], Is.EqualTo("Native.Package 2.0.0"));
        Assert.That(origins["libghost.so"], Is.EqualTo("Native.Package 2.0.0"));
        Assert.That(origins["app"], Is.EqualTo(FileOrigins.AppHostOrigin));
    }

    [Test]
    public void When_explicit_origins_cover_every_native_file_the_deps_json_is_not_read()
    {
        using var output = Output();

        var origins = FileOrigins.Complete(new Dictionary<string, string> { ["libnative.so"] = "From.Items 1.0.0" }, new OutputScanner().Scan(output.Path));

        Assert.That(origins["libnative.so"], Is.EqualTo("From.Items 1.0.0"));
        Assert.That(origins.ContainsKey("libghost.so"), Is.False, "the deps.json was not read");
        Assert.That(origins["app"], Is.EqualTo(FileOrigins.AppHostOrigin), "the app host is still found");
    }

    [Test]
    public void A_native_file_without_an_explicit_origin_makes_the_deps_json_read_and_the_explicit_ones_still_win()
    {
        using var output = Output();
        File.Copy(RuntimeLibrary, output.Combine("libother.so"));

        var origins = FileOrigins.Complete(new Dictionary<string, string> { ["libnative.so"] = "From.Items 1.0.0" }, new OutputScanner().Scan(output.Path));

        Assert.That(origins["libnative.so"], Is.EqualTo("From.Items 1.0.0"));
        Assert.That(origins["libghost.so"], Is.EqualTo("Native.Package 2.0.0"), "the deps.json was read");
    }

    private static TempDirectory Output()
    {
        var output = new TempDirectory();
        File.Copy(RuntimeLibrary, output.Combine("libnative.so"));
        File.Copy(RuntimeLibrary, output.Combine("app"));
        output.File("app.dll", "not an assembly, but the app host layout needs the name");
        output.File("app.deps.json", Deps);
        return output;
    }
}
