using System.Linq;
using StaticLink.Core.Policy;
using StaticLink.Tests.Shared.MessageCorpus;

namespace StaticLink.Core.Tests.Policy;

/// <summary>Every finding of the corpus: a short first sentence naming its file, no MSBuild in the engine, a fix as data.</summary>
public sealed class MessageShapeTests
{
    [Test]
    public void The_corpus_covers_the_common_codes()
    {
        var codes = MessageCorpus.Findings().Select(finding => finding.Code).Distinct().ToList();
        Assert.That(codes, Is.SupersetOf(new[]
        {
            DiagnosticCodes.UnexpectedLibrary, DiagnosticCodes.LibcMismatch, DiagnosticCodes.NotFullyStatic, DiagnosticCodes.SymbolVersionTooNew,
            DiagnosticCodes.ArchitectureMismatch, DiagnosticCodes.DeniedLibrary, DiagnosticCodes.UnreadableFile, DiagnosticCodes.RuntimeLoadedLibrary,
            DiagnosticCodes.StaticGlibcNss, DiagnosticCodes.UnsafeRunPath, DiagnosticCodes.OptionalRuntimePart, DiagnosticCodes.PossibleRuntimeLoad,
        }));
    }

    [Test]
    public void Each_first_sentence_names_its_file_within_150_characters()
    {
        Assert.Multiple(() =>
        {
            foreach (var finding in MessageCorpus.Findings())
            {
                var first = MessageCorpus.FirstSentence(finding.Message);
                Assert.That(first, Has.Length.LessThanOrEqualTo(150), finding.Message);
                Assert.That(finding.File, Is.Not.Null, finding.Message);
                Assert.That(first, Does.StartWith(finding.File!), finding.Message);
            }
        });
    }

    [Test]
    public void The_engine_speaks_no_MSBuild_and_every_finding_has_a_fix()
    {
        Assert.Multiple(() =>
        {
            foreach (var finding in MessageCorpus.Findings())
            {
                Assert.That(finding.Message, Does.Not.Contain("<"), finding.Message);
                Assert.That(finding.Fix, Is.Not.Null, finding.Message);
                Assert.That(finding.Fix!.PlainText(), Does.Not.Contain("<").And.Not.Empty, finding.Message);
            }
        });
    }
}
