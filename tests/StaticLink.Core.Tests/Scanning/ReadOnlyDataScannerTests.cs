using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Scanning;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// The read-only data scan has two ways through a region: string by string (when glibc markers are collected too) and
/// by searching for ".so" (sonames only, the common case). On real libraries both must find the same sonames in the
/// same order; the files are large enough that strings cross the scanner's 64 KB reads.
/// </summary>
[TestFixture]
public sealed class ReadOnlyDataScannerTests
{
    [Test]
    public void The_soname_search_finds_what_the_string_by_string_scan_finds_on_real_libraries()
    {
        var libraries = ElfCorpus.Enumerate(ElfCorpus.Roots)
            .Where(path => Path.GetFileName(path).Contains(".so", System.StringComparison.Ordinal))
            .Select(path => (Path: path, Size: new FileInfo(path).Length))
            .Where(file => file.Size > 256 * 1024)
            .OrderByDescending(file => file.Size)
            .Take(40)
            .ToList();
        Assume.That(libraries, Is.Not.Empty, "no shared library over 256 KB on this machine");

        var compared = 0;
        var withSonames = 0;
        foreach (var (path, _) in libraries)
        {
            var inspection = ElfReader.Inspect(path);
            if (inspection.File is not { } elf)
            {
                continue;
            }

            var bySearch = ReadOnlyDataScanner.Scan(path, elf, collectGlibcMarkers: false);
            var byString = ReadOnlyDataScanner.Scan(path, elf, collectGlibcMarkers: true);
            Assert.That(bySearch.SonameStrings, Is.EqualTo(byString.SonameStrings), path);
            Assert.That(bySearch.Note, Is.EqualTo(byString.Note), path);
            Assert.That(bySearch.GlibcMarkers, Is.Empty, path);
            compared++;
            withSonames += bySearch.SonameStrings.Count > 0 ? 1 : 0;
        }

        Assert.That(compared, Is.GreaterThan(0));
        Assert.That(withSonames, Is.GreaterThan(0), "no library named a soname in its read-only data: the comparison proved nothing");
    }
}
