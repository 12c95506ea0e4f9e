using System;
using System.IO;
using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.LoaderTruth.Tests;

/// <summary>
/// Grpc.Core 2.46.5 declares one P/Invoke class per architecture (grpc_csharp_ext.x64, .x86, .arm64, and a plain
/// one) beside the bundled libgrpc_csharp_ext.x64.so: the other architectures' names are information, not warnings.
/// Its "libdl.so" import is a real warning: the runtime cannot load that name on a system without libc6-dev
/// (measured in CLibraryPInvokeProbingTests).
/// </summary>
[TestFixture]
public sealed class GrpcCorePInvokeTests
{
    [Test]
    public void Other_architectures_imports_are_information_and_libdl_so_is_a_warning()
    {
        var package = new NuGetPackage("Grpc.Core", "2.46.5");
        var folder = RealPackages.Restore([package])[package];
        var output = Directory.CreateTempSubdirectory("grpc-core-output-");
        try
        {
            File.Copy(Path.Combine(folder, "lib", "netstandard2.0", "Grpc.Core.dll"), Path.Combine(output.FullName, "Grpc.Core.dll"));
            File.Copy(Path.Combine(folder, "runtimes", "linux-x64", "native", "libgrpc_csharp_ext.x64.so"), Path.Combine(output.FullName, "libgrpc_csharp_ext.x64.so"));

            var report = PublishChecker.Check(new CheckOptions
            {
                Root = output.FullName,
                RuntimeIdentifier = "linux-x64",
                Targets = [RootFilesystem.GlibcFull().Path],
                InvariantGlobalization = true,
            });

            var otherArchitectures = report.Findings.Where(finding => finding.Code == DiagnosticCodes.OtherArchitectureImport).ToList();
            Assert.That(otherArchitectures.Select(finding => finding.Library), Is.EquivalentTo(new[] { "libgrpc_csharp_ext.so", "libgrpc_csharp_ext.x86.so", "libgrpc_csharp_ext.arm64.so" }));
            Assert.That(otherArchitectures.All(finding => finding.Severity == FindingSeverity.Info), Is.True);
            var warning = report.Findings.Single(finding => finding.Severity == FindingSeverity.Warning);
            Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.RuntimeLoadedLibrary));
            Assert.That(warning.Message, Does.Contain("calls native library \"libdl.so\""));
            Assert.That(report.HasErrors, Is.False);
            var bundled = report.PInvokeTargets.Single(target => target.Module == "grpc_csharp_ext.x64");
            Assert.That(bundled.Resolution, Is.EqualTo(PInvokeResolution.Bundled));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
