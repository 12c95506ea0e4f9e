using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using StaticLink.Core.Targets;

namespace StaticLink.Core.Tests.Targets;

[TestFixture]
public sealed class CatalogueFileTests
{
    private static string CatalogueDirectory()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StaticLink.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "the repository root (StaticLink.slnx) is above the test directory");
        return Path.Combine(directory!.FullName, "src/StaticLink.Core/Targets/Catalogue");
    }

    private static ISet<string>? SymbolSet(string name, string machine)
    {
        var path = Path.Combine(CatalogueDirectory(), "musl", machine, name + ".symbols");
        return File.Exists(path) ? new HashSet<string>(File.ReadAllLines(path).Where(line => line.Length > 0), StringComparer.Ordinal) : null;
    }

    public static IEnumerable<string> CatalogueFiles() =>
        Directory.GetFiles(CatalogueDirectory(), "*.json").Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal)!;

    [TestCaseSource(nameof(CatalogueFiles))]
    public void EveryCatalogueFileParses(string fileName)
    {
        var path = Path.Combine(CatalogueDirectory(), fileName);
        var target = TargetFile.Parse(File.ReadAllText(path), fileName, SymbolSet);
        Assert.That(fileName, Does.EndWith("." + target.ArchitectureName + ".json"), "the file is named <id>.<arch>.json");
        Assert.That(target.Source, Is.Not.Empty, "every entry names where it came from");
        if (target.Libc == Core.Elf.LibcFlavor.Musl && target.LibcVersion is not null)
        {
            Assert.That(target.LibcSymbols, Is.Not.Null.And.Not.Empty, "a musl release with a symbol set");
        }
    }

    [Test]
    public void IdsAndAliasesAreUniquePerArchitecture()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var fileName in CatalogueFiles())
        {
            var target = TargetFile.Parse(File.ReadAllText(Path.Combine(CatalogueDirectory(), fileName)), fileName, SymbolSet);
            foreach (var name in target.Aliases.Prepend(target.Id))
            {
                var key = target.ArchitectureName + " " + name;
                if (!seen.TryAdd(key, fileName))
                {
                    duplicates.Add($"{key} in {fileName} and {seen[key]}");
                }
            }
        }

        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void TheCatalogueIsSmall()
    {
        var bytes = Directory.GetFiles(CatalogueDirectory(), "*.json").Sum(path => new FileInfo(path).Length);
        Assert.That(bytes, Is.LessThan(2_000_000));
    }
}
