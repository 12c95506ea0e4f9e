using System.IO;
using System.Linq;
using StaticLink.Core.Policy;

namespace StaticLink.Tasks.Tests;

/// <summary>StaticLinkBaselineFile and StaticLinkUpdateBaseline on the task, against a mock build engine.</summary>
public sealed class BaselineFileTests
{
    private PublishDirectory _output = null!;

    private string ProjectDirectory => Path.Combine(_output.Path, "..", Path.GetFileName(_output.Path) + "-project");

    private string ProjectFile => Path.Combine(ProjectDirectory, "app.csproj");

    [SetUp]
    public void CreateOutput()
    {
        _output = new PublishDirectory();
        Directory.CreateDirectory(ProjectDirectory);
    }

    [TearDown]
    public void DeleteOutput()
    {
        Directory.Delete(ProjectDirectory, recursive: true);
        _output.Dispose();
    }

    private TaskRun Run(string? baseline, bool update = false) => TaskRun.Execute(_output.Path, "linux-x64", task =>
    {
        task.Policy = "glibc-portable";
        task.ProjectFile = ProjectFile;
        task.BaselineFile = baseline;
        task.UpdateBaseline = update;
    });

    [Test]
    public void A_relative_baseline_is_written_beside_the_project_accepts_what_it_holds_and_a_new_dependency_still_fails()
    {
        // glibc-portable has no zlib: the library is SL1001 without a baseline.
        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "libMonoPosixHelper.so");
        Run(null).AssertFailed();

        Run("staticlink.baseline.json", update: true).AssertPassed();
        var written = Path.Combine(ProjectDirectory, "staticlink.baseline.json");
        Assert.That(File.ReadAllText(written), Does.Contain("\"path\": \"libMonoPosixHelper.so\"").And.Contain("\"code\": \"SL1001\""));

        var accepted = Run("staticlink.baseline.json");
        accepted.AssertPassed();
        var message = accepted.SingleMessage(DiagnosticCodes.UnexpectedLibrary);
        Assert.That(message.Message, Does.Contain("Accepted in the baseline " + Path.GetFullPath(written) + "."));

        _output.Copy(NativeBinaries.GlibcLibraryNeedingZlib, "runtimes/libOther.so");
        var grown = Run("staticlink.baseline.json");
        grown.AssertFailed();
        Assert.That(grown.SingleError(DiagnosticCodes.UnexpectedLibrary).File, Is.EqualTo(Path.GetFullPath(_output.FullPathOf("runtimes/libOther.so"))));
        Assert.That(grown.Engine.Errors, Has.Count.EqualTo(1), grown.Engine.Transcript());
    }

    [Test]
    public void A_malformed_baseline_is_one_SL1007_and_the_build_fails()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");
        File.WriteAllText(Path.Combine(ProjectDirectory, "broken.json"), "{ \"version\": 1, \"files\": 3 }");

        var run = Run("broken.json");

        run.AssertFailed();
        var error = run.SingleError(DiagnosticCodes.InvalidConfiguration);
        Assert.That(error.Message, Does.Contain("broken.json cannot be used: $.files is the number 3, expected an array"));
        Assert.That(run.Engine.Errors, Has.Count.EqualTo(1), run.Engine.Transcript());
        Assert.That(run.Engine.Messages.Any(entry => entry.Message?.Contains("   at ", System.StringComparison.Ordinal) == true), Is.False, "no stack trace");
    }

    [Test]
    public void Updating_without_a_baseline_file_is_a_configuration_error()
    {
        _output.Copy(NativeBinaries.GlibcExecutable, "app");

        var run = Run(null, update: true);

        run.AssertFailed();
        Assert.That(run.SingleError(DiagnosticCodes.InvalidConfiguration).Message, Does.Contain("StaticLinkBaselineFile is empty"));
    }
}
