using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace StaticLink.Tasks.Tests;

/// <summary>
/// The netstandard2.0 build runs inside Visual Studio's .NET Framework MSBuild, which loads the assemblies it references
/// from MSBuild's own folder, redirected to the versions MSBuild.exe.config names; a reference above those versions
/// fails to load there, and no test on Linux would otherwise notice. So every reference of the two packed assemblies
/// must be the framework, MSBuild itself, or one of the assemblies the oldest supported MSBuild carries, at or below
/// the version it carries (README, "Visual Studio").
/// </summary>
public class VisualStudioCompatibilityTests
{
    /// <summary>
    /// What MSBuild 17.9 (Visual Studio 2022 17.9, the first with the 8.0 libraries) carries and redirects to, from its
    /// src/MSBuild/app.amd64.config at tag v17.9.5. Later versions carry the same names at these versions or newer.
    /// </summary>
    private static readonly Dictionary<string, Version> CarriedByVisualStudioMSBuild = new(StringComparer.Ordinal)
    {
        ["System.Text.Json"] = new(8, 0, 0, 0),
        ["System.Reflection.Metadata"] = new(8, 0, 0, 0),
        ["System.Collections.Immutable"] = new(8, 0, 0, 0),
        ["System.Memory"] = new(4, 0, 1, 2),
        ["System.Buffers"] = new(4, 0, 3, 0),
        ["System.Numerics.Vectors"] = new(4, 1, 4, 0),
        ["System.Runtime.CompilerServices.Unsafe"] = new(6, 0, 0, 0),
        ["System.Text.Encodings.Web"] = new(8, 0, 0, 0),
        ["System.Threading.Tasks.Extensions"] = new(4, 2, 0, 1),
        ["Microsoft.Bcl.AsyncInterfaces"] = new(8, 0, 0, 0),
    };

    /// <summary>The .NET Framework itself (through netstandard.dll's facades) and MSBuild's own API.</summary>
    private static readonly string[] AlwaysThere = ["netstandard", "mscorlib", "Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core"];

    private static string NetStandardTaskDirectory =>
        typeof(VisualStudioCompatibilityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "NetStandardTaskDirectory").Value!;

    [TestCase("StaticLink.Core.dll")]
    [TestCase("StaticLink.Tasks.dll")]
    public void The_netstandard_build_references_nothing_newer_than_Visual_Studio_2022_17_9_MSBuild_carries(string fileName)
    {
        var references = AssemblyReferences(Path.Combine(NetStandardTaskDirectory, fileName));

        foreach (var (name, version) in references)
        {
            if (AlwaysThere.Contains(name) || name.StartsWith("StaticLink.", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.That(CarriedByVisualStudioMSBuild.ContainsKey(name), Is.True, $"{fileName} references {name} {version}, which Visual Studio's MSBuild does not carry");
            Assert.That(version, Is.LessThanOrEqualTo(CarriedByVisualStudioMSBuild[name]), $"{fileName} references {name} {version}, newer than Visual Studio 2022 17.9's MSBuild carries");
        }

        if (fileName == "StaticLink.Core.dll")
        {
            // The engine reads assemblies with System.Reflection.Metadata: without that reference this test would
            // no longer be looking at the build it means.
            Assert.That(references.Keys, Does.Contain("System.Reflection.Metadata"));
        }
    }

    [Test]
    public void The_netstandard_build_is_really_netstandard()
    {
        var references = AssemblyReferences(Path.Combine(NetStandardTaskDirectory, "StaticLink.Core.dll"));

        Assert.That(references, Does.ContainKey("netstandard"));
        Assert.That(references.Keys, Has.None.EqualTo("System.Runtime"), "a net8.0 build would reference System.Runtime, not netstandard");
    }

    [Test]
    public void No_library_is_copied_beside_the_netstandard_build()
    {
        // The Sdk package packs only StaticLink.*.dll from here; a System.*.dll beside them would be the sign that
        // something started shipping a copy that could clash with Visual Studio's.
        var libraries = Directory.EnumerateFiles(NetStandardTaskDirectory, "*.dll").Select(Path.GetFileName);

        Assert.That(libraries, Is.EquivalentTo(new[] { "StaticLink.Core.dll", "StaticLink.Tasks.dll" }));
    }

    private static Dictionary<string, Version> AssemblyReferences(string path)
    {
        Assert.That(path, Does.Exist, "the netstandard2.0 build of src/StaticLink.Tasks (built through this project's reference)");
        using var image = new PEReader(File.OpenRead(path));
        var metadata = image.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version, StringComparer.Ordinal);
    }
}
