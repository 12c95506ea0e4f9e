using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// Ground truth: GNU readelf. Every ELF file under /usr/lib, /usr/bin, the .NET installation and the NuGet packages
/// folder is read by both, and NEEDED, SONAME, RPATH, RUNPATH, the interpreter and the version needs must agree.
/// </summary>
[NonParallelizable]
public sealed class ReadelfDifferentialTests
{
    private const string SqlitePackage = "SQLitePCLRaw.lib.e_sqlite3";
    private const string SqliteVersion = "2.0.6";

    /// <summary>The foreign builds the package brings, named by their RID folder: other machines, classes and byte orders.</summary>
    private static readonly string[] SqliteRids = ["linux-arm", "linux-arm64", "linux-x86", "linux-s390x", "linux-mips64"];

    private static string SqliteFolder => Path.Combine(ElfCorpus.NuGetPackagesFolder, SqlitePackage.ToLowerInvariant(), SqliteVersion);

    [OneTimeSetUp]
    public void EnsureToolsAndForeignBinaries()
    {
        if (Readelf.Path is null)
        {
            Assert.Fail("GNU readelf is missing: .ci/run must install binutils");
        }

        if (Directory.Exists(SqliteFolder))
        {
            return;
        }

        // Restore a throwaway project that references the package; the machine's own NuGet configuration decides the source.
        using var project = new TempDirectory("staticlink-sqlite-restore-");
        File.WriteAllText(
            Path.Combine(project.Path, "SqliteRestore.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{SqlitePackage}" Version="{SqliteVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project.Path, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project.Path, "Directory.Packages.props"), "<Project />");
        TestContext.Progress.WriteLine($"restoring {SqlitePackage} {SqliteVersion} into {ElfCorpus.NuGetPackagesFolder} ...");
        var restore = ExternalTool.Run("dotnet", ["restore", "SqliteRestore.csproj"], project.Path, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0 || !Directory.Exists(SqliteFolder))
        {
            Assert.Fail($"could not restore {SqlitePackage} {SqliteVersion}, whose arm/arm64/x86/s390x/mips64 builds this test needs:\n{restore.Describe()}");
        }
    }

    [Test]
    public void The_reader_agrees_with_readelf_on_every_elf_file_of_the_machine()
    {
        var watch = Stopwatch.StartNew();
        var roots = ElfCorpus.Roots;
        var files = ElfCorpus.Enumerate(roots);
        TestContext.Progress.WriteLine($"found {files.Count} ELF files under {string.Join(", ", roots)} in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.That(files, Is.Not.Empty);
        foreach (var rid in SqliteRids)
        {
            Assert.That(files, Has.Some.StartsWith(Path.Combine(SqliteFolder, "runtimes", rid, "native")), $"the {rid} build of {SqlitePackage} is missing from the corpus");
        }

        var readelfTask = Task.Run(() => Readelf.Describe(files));
        var ours = new ConcurrentDictionary<string, (ElfFile? File, string? Error)>(StringComparer.Ordinal);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, path =>
        {
            try
            {
                ours[path] = (ElfReader.Read(path), null);
            }
            catch (ElfFormatException exception)
            {
                ours[path] = (null, exception.Message);
            }
        });
        // Second pass: the same files with their section headers hidden, as sstrip leaves them.
        var sectionless = new ConcurrentDictionary<string, (ElfFile? File, string? Error)>(StringComparer.Ordinal);
        Parallel.ForEach(files.Where(f => ours[f].File is { ProgramHeaders.Count: > 0 }), new ParallelOptions { MaxDegreeOfParallelism = 2 }, path =>
        {
            try
            {
                using var stream = new SectionHidingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1));
                sectionless[path] = (ElfReader.Read(stream), null);
            }
            catch (ElfFormatException exception)
            {
                sectionless[path] = (null, exception.Message);
            }
        });
        var readerTime = watch.Elapsed;
        var truth = readelfTask.Result;
        TestContext.Progress.WriteLine($"read all files with ElfReader and readelf in {watch.Elapsed.TotalSeconds:0.0} s");

        var differences = new List<string>();
        var rejectedByReadelf = new List<string>();
        var magicDisagreements = new List<string>();
        var perMachine = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var compared = 0;
        var withVersionNeeds = 0;
        var withoutSections = 0;
        var comparedWithoutSections = 0;
        foreach (var path in files)
        {
            var expected = truth[path];
            var (file, error) = ours[path];
            if (expected.Rejected)
            {
                rejectedByReadelf.Add($"{path}: readelf: {string.Join(" | ", expected.Diagnostics)}; ElfReader: {error ?? "read"}");
                continue;
            }

            if (file is null)
            {
                differences.Add($"{path}: ElfReader rejected a file readelf reads: {error}");
                continue;
            }

            compared++;
            var key = $"{file.MachineName}/{(file.Class == ElfClass.Elf64 ? 64 : 32)}/{ElfNames.Endianness(file.Endianness)}";
            perMachine[key] = perMachine.GetValueOrDefault(key) + 1;
            withVersionNeeds += file.VersionNeeds.Count > 0 ? 1 : 0;
            withoutSections += file.Sections.Count == 0 ? 1 : 0;
            differences.AddRange(Compare(path, expected, file));
            if (sectionless.TryGetValue(path, out var hidden))
            {
                comparedWithoutSections++;
                differences.AddRange(hidden.File is null
                    ? [$"{path} [section headers hidden]: ElfReader rejected it: {hidden.Error}"]
                    : Compare(path + " [section headers hidden]", expected, hidden.File));
            }
        }

        foreach (var path in files.Take(500))
        {
            if (!ElfReader.HasElfMagic(path))
            {
                magicDisagreements.Add(path);
            }
        }

        TestContext.Out.WriteLine($"ELF files found: {files.Count}; compared with readelf: {compared}; rejected by readelf: {rejectedByReadelf.Count}; differences: {differences.Count}");
        TestContext.Out.WriteLine($"files with version needs: {withVersionNeeds}; files without section headers: {withoutSections}; compared again with section headers hidden: {comparedWithoutSections}; time: {watch.Elapsed.TotalSeconds:0.0} s (reader pass ended at {readerTime.TotalSeconds:0.0} s)");
        TestContext.Out.WriteLine("per machine/class/byte order: " + string.Join(", ", perMachine.Select(p => $"{p.Key}={p.Value}")));
        foreach (var rejected in rejectedByReadelf.Take(20))
        {
            TestContext.Out.WriteLine("readelf rejected " + rejected);
        }

        Assert.Multiple(() =>
        {
            Assert.That(differences, Is.Empty, $"{differences.Count} differences from readelf; the first ones:\n" + string.Join("\n", differences.Take(25)));
            Assert.That(magicDisagreements, Is.Empty, "HasElfMagic said no to files that start with the ELF magic");
            Assert.That(perMachine.Keys.Select(k => k.Split('/')[0]).Distinct(), Is.SupersetOf(new[] { "arm", "aarch64", "i386", "s390x", "mips64" }), "foreign machines were compared");
            Assert.That(perMachine.Keys, Has.Some.EndsWith("/big"), "a big-endian file was compared");
            Assert.That(perMachine.Keys, Has.Some.Contains("/32/"), "a 32-bit file was compared");
        });
    }

    private static IEnumerable<string> Compare(string path, ReadelfFacts expected, ElfFile actual)
    {
        if (actual.Interpreter != expected.Interpreter)
        {
            yield return $"{path}: interpreter: readelf '{expected.Interpreter}', ElfReader '{actual.Interpreter}'";
        }

        if (!actual.Needed.SequenceEqual(expected.Needed))
        {
            yield return $"{path}: NEEDED: readelf [{string.Join(", ", expected.Needed)}], ElfReader [{string.Join(", ", actual.Needed)}]";
        }

        var soname = expected.Sonames.Count == 0 ? null : expected.Sonames[0];
        if (actual.Soname != soname || expected.Sonames.Count > 1)
        {
            yield return $"{path}: SONAME: readelf [{string.Join(", ", expected.Sonames)}], ElfReader '{actual.Soname}'";
        }

        foreach (var (name, paths, ours) in new[] { ("RPATH", expected.Rpaths, actual.Rpath), ("RUNPATH", expected.Runpaths, actual.Runpath) })
        {
            var same = paths.Count switch
            {
                0 => ours.Count == 0,
                1 => ours.Count > 0 && string.Join(":", ours) == paths[0],
                _ => false,
            };
            if (!same)
            {
                yield return $"{path}: {name}: readelf [{string.Join(", ", paths)}], ElfReader [{string.Join(":", ours)}] ({ours.Count} elements)";
            }
        }

        var theirNeeds = expected.VersionNeeds.Select(v => v.Library + ": " + string.Join(" ", v.Versions)).ToList();
        var ourNeeds = actual.VersionNeeds.Select(v => v.Library + ": " + string.Join(" ", v.Versions)).ToList();
        if (!ourNeeds.SequenceEqual(theirNeeds))
        {
            yield return $"{path}: version needs: readelf [{string.Join("; ", theirNeeds)}], ElfReader [{string.Join("; ", ourNeeds)}]";
        }
    }
}
