using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using StaticLink.Core.Elf;
using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests.Elf;

/// <summary>
/// Seeded mutation of real and crafted files: whatever the damage, the reader answers or raises
/// <see cref="ElfFormatException"/>, returns within seconds, and allocates in proportion to the file, not to a count
/// it read. A failure names the input, the case seed and the mutation, so it can be replayed.
/// </summary>
[NonParallelizable]
public sealed class ElfReaderMutationTests
{
    private const int BaseSeed = 20_240_611;
    private const int CasesPerCraftedFile = 2000;
    private const int CasesPerRealFile = 1500;

    [Test]
    public void Mutated_files_raise_only_the_format_exception_and_never_hang()
    {
        var inputs = CraftedInputs().Select(i => (i.Name, i.Bytes, CasesPerCraftedFile))
            .Concat(RealInputs().Select(i => (i.Name, i.Bytes, CasesPerRealFile)))
            .ToList();
        Assert.That(inputs.Count(i => i.Item3 == CasesPerRealFile), Is.GreaterThanOrEqualTo(3), "too few real files found to mutate");

        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        int total = 0, answered = 0, rejected = 0;
        foreach (var (name, original, cases) in inputs)
        {
            var buffer = (byte[])original.Clone();
            var mutator = new ElfMutator(buffer, ElfReader.Read(original));
            var limit = (64L << 20) + (16L * buffer.Length);
            for (var i = 0; i < cases; i++)
            {
                var seed = BaseSeed + i;
                var mutation = mutator.Mutate(seed);
                var length = mutator.Length;
                var outcome = GuardedRead.Run(() => ElfReader.Read(new MemoryStream(buffer, 0, length, writable: false)));
                total++;
                if (outcome.TimedOut)
                {
                    // The hung read still owns the buffer; nothing after this case would be trustworthy.
                    failures.Add($"{name}, seed {seed}: {mutation}: {outcome.ContractViolation}");
                    Assert.Fail($"the reader hung on {name}, seed {seed}: {mutation}");
                }

                if (outcome.ContractViolation is { } violation)
                {
                    failures.Add($"{name}, seed {seed}: {mutation}: {violation}");
                }
                else if (outcome.AllocatedBytes > limit)
                {
                    failures.Add($"{name}, seed {seed}: {mutation}: allocated {outcome.AllocatedBytes} bytes for a {length}-byte file");
                }
                else if (outcome.FormatError is { } error)
                {
                    rejected++;
                    var reason = Normalize(error.Reason);
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
                else
                {
                    answered++;
                }

                mutator.Undo();
            }

            Assert.That(buffer, Is.EqualTo(original), $"the mutator did not restore {name}");
        }

        TestContext.Out.WriteLine($"mutation cases: {total} over {inputs.Count} files ({string.Join(", ", inputs.Select(i => $"{i.Name}={i.Item3}"))})");
        TestContext.Out.WriteLine($"answered: {answered}; ElfFormatException: {rejected}; contract violations: {failures.Count}; time: {watch.Elapsed.TotalSeconds:0.0} s");
        TestContext.Out.WriteLine($"distinct rejection reasons: {reasons.Count}; most common: " + string.Join(" | ", reasons.OrderByDescending(r => r.Value).Take(8).Select(r => $"{r.Value}x {r.Key}")));
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"{failures.Count} mutations broke the reader's contract; the first ones:\n" + string.Join("\n\n", failures.Take(10)));
            Assert.That(rejected, Is.GreaterThan(total / 20), "so few rejections suggest the mutations missed the structures");
            Assert.That(answered, Is.GreaterThan(total / 20), "so few answers suggest the reader rejects too eagerly");
        });
    }

    private static IEnumerable<(string Name, byte[] Bytes)> CraftedInputs()
    {
        foreach (var layout in CraftedImages.Layouts())
        {
            yield return ($"crafted {layout}", CraftedImages.RichLibrary(layout).Build().Bytes);
        }

        yield return ("crafted ELF64-little without sections", CraftedImages.RichLibrary(new ElfLayout(ElfClass.Elf64, ElfEndianness.Little, ElfMachine.X8664), sections: false).Build().Bytes);
        yield return ("crafted ELF32-big without sections, GNU hash", CraftedImages.RichLibrary(new ElfLayout(ElfClass.Elf32, ElfEndianness.Big, ElfMachine.Mips), sections: false).GnuHash().Build().Bytes);
        yield return ("crafted glibc PIE", CraftedImages.GlibcPie().Build().Bytes);
    }

    /// <summary>A few small real files of different kinds: an executable, a library, .NET's own, and foreign builds.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> RealInputs()
    {
        var candidates = new List<string> { "/usr/bin/ls", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6" };
        if (ElfCorpus.DotnetRoot is { } dotnet)
        {
            candidates.Add(FirstMatch(Path.Combine(dotnet, "host", "fxr"), "libhostfxr.so"));
            candidates.Add(FirstMatch(Path.Combine(dotnet, "shared", "Microsoft.NETCore.App"), "libSystem.Native.so"));
        }

        var sqlite = Path.Combine(ElfCorpus.NuGetPackagesFolder, "sqlitepclraw.lib.e_sqlite3", "2.0.6", "runtimes");
        candidates.AddRange(new[] { "linux-s390x", "linux-arm", "linux-x86" }.Select(rid => Path.Combine(sqlite, rid, "native", "libe_sqlite3.so")));

        foreach (var candidate in candidates.Where(c => c.Length > 0 && File.Exists(c)))
        {
            var bytes = File.ReadAllBytes(candidate);
            if (bytes.Length <= (4 << 20) && ElfCorpus.HasMagic(candidate))
            {
                yield return (candidate, bytes);
            }
        }
    }

    private static string FirstMatch(string directory, string fileName) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, fileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault() ?? string.Empty
            : string.Empty;

    /// <summary>Groups reasons that differ only in numbers.</summary>
    private static string Normalize(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "(0x)?[0-9a-fA-F]*[0-9][0-9a-fA-F]*", "N");
}
