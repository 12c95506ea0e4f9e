using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace StaticLink.Cli.Tests;

/// <summary>Which files inspect reads: directory walks, symlinks, --files-from, and the text table.</summary>
[TestFixture]
public sealed class InspectInputTests
{
    private NativeBuild _build = null!;
    private string _hello = null!;
    private string _tree = null!;

    [OneTimeSetUp]
    public void BuildTree()
    {
        _build = new NativeBuild();
        _hello = _build.Compile("gcc", NativeBuild.HelloSource, "hello");

        // tree/
        //   a.txt, hello, link-to-hello -> sub/hello, loop -> tree, dangling -> nowhere
        //   sub/hello, sub/deeper/libdemo.so, sub/directory.so/inner.txt
        _tree = _build.PathOf("tree");
        Directory.CreateDirectory(Path.Combine(_tree, "sub", "deeper"));
        Directory.CreateDirectory(Path.Combine(_tree, "sub", "directory.so"));
        File.WriteAllText(Path.Combine(_tree, "a.txt"), "text");
        File.Copy(_hello, Path.Combine(_tree, "hello"));
        File.Copy(_hello, Path.Combine(_tree, "sub", "hello"));
        File.Copy(_hello, Path.Combine(_tree, "sub", "deeper", "libdemo.so"));
        File.WriteAllText(Path.Combine(_tree, "sub", "directory.so", "inner.txt"), "text");
        File.CreateSymbolicLink(Path.Combine(_tree, "link-to-hello"), Path.Combine("sub", "hello"));
        Directory.CreateSymbolicLink(Path.Combine(_tree, "loop"), _tree);
        File.CreateSymbolicLink(Path.Combine(_tree, "dangling"), Path.Combine(_tree, "nowhere"));
    }

    [OneTimeTearDown]
    public void Clean() => _build.Dispose();

    [Test]
    public void A_directory_is_walked_files_first_in_name_order_without_following_symlinks()
    {
        var run = CliRun.Of("inspect", "--format", "json", _tree);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var paths = run.Files().Select(file => Json.String(file, "path")).ToArray();
        Assert.That(paths, Is.EqualTo(new[]
        {
            Path.Combine(_tree, "a.txt"),
            Path.Combine(_tree, "hello"),
            Path.Combine(_tree, "sub", "hello"),
            Path.Combine(_tree, "sub", "deeper", "libdemo.so"),
            Path.Combine(_tree, "sub", "directory.so", "inner.txt"),
        }));
    }

    [Test]
    public void A_named_symlink_is_followed_and_keeps_its_name()
    {
        var link = Path.Combine(_tree, "link-to-hello");

        var file = CliRun.Of("inspect", "--format", "json", link).Files().Single();

        Assert.That(Json.String(file, "path"), Is.EqualTo(link));
        Assert.That(Json.String(file, "kind"), Is.EqualTo("elf"));
    }

    [Test]
    public void A_named_dangling_symlink_is_an_error()
    {
        var run = CliRun.Of("inspect", "--format", "json", Path.Combine(_tree, "dangling"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(Json.String(run.Files().Single(), "error"), Does.Contain("dangling"));
    }

    [Test]
    public void A_named_symlink_to_a_directory_is_walked()
    {
        var run = CliRun.Of("inspect", "--format", "json", Path.Combine(_tree, "loop", "sub", "deeper"));

        var file = run.Files().Single();
        Assert.That(Json.String(file, "path"), Is.EqualTo(Path.Combine(_tree, "loop", "sub", "deeper", "libdemo.so")));
    }

    [Test]
    public void Files_from_a_list_are_read_in_order_after_the_named_paths()
    {
        var list = _build.PathOf("list.txt");
        File.WriteAllText(list, $"{Path.Combine(_tree, "sub", "hello")}\r\n\n{Path.Combine(_tree, "a.txt")}\n{_build.PathOf("missing")}\n");

        var run = CliRun.Of("inspect", "--format", "json", "--files-from", list, _hello);

        Assert.That(run.ExitCode, Is.EqualTo(2), "the missing file could not be read");
        var files = run.Files();
        Assert.That(files.Select(file => Json.String(file, "path")), Is.EqualTo(new[]
        {
            _hello,
            Path.Combine(_tree, "sub", "hello"),
            Path.Combine(_tree, "a.txt"),
            _build.PathOf("missing"),
        }));
        Assert.That(files.Select(file => Json.String(file, "kind")), Is.EqualTo(new[] { "elf", "elf", "not-elf", "error" }));
    }

    [Test]
    public void Files_from_standard_input()
    {
        var run = CliRun.WithInput(_hello + "\n" + Path.Combine(_tree, "sub") + "\n", "inspect", "--format=json", "--files-from", "-");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Files().Select(file => Json.String(file, "path")), Is.EqualTo(new[]
        {
            _hello,
            Path.Combine(_tree, "sub", "hello"),
            Path.Combine(_tree, "sub", "deeper", "libdemo.so"),
            Path.Combine(_tree, "sub", "directory.so", "inner.txt"),
        }));
    }

    [Test]
    public void A_missing_file_list_exits_two_before_any_output()
    {
        var run = CliRun.Of("inspect", "--files-from", _build.PathOf("no-such-list"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.Contain("no-such-list"));
    }

    [Test]
    public void A_fifo_and_an_empty_file_inside_a_directory_are_not_elf_and_never_opened()
    {
        var directory = _build.PathOf("special");
        Directory.CreateDirectory(directory);
        var fifo = Path.Combine(directory, "pipe");
        var (exitCode, _, error) = NativeBuild.Run("mkfifo", fifo);
        Assert.That(exitCode, Is.Zero, error);
        File.WriteAllBytes(Path.Combine(directory, "empty.so"), []);

        var inspect = Task.Run(() => CliRun.Of("inspect", "--format", "json", directory));
        if (!inspect.Wait(TimeSpan.FromMinutes(1)))
        {
            // Opening the FIFO for writing releases a reader blocked on it, so the run can end before the test fails.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("inspect opened the FIFO and waited for a writer");
        }

        var run = inspect.Result;
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Files().Select(file => (Json.String(file, "path"), Json.String(file, "kind"))), Is.EqualTo(new[]
        {
            (Path.Combine(directory, "empty.so"), "not-elf"),
            (fifo, "not-elf"),
        }));
    }

    [Test]
    public void An_empty_directory_gives_an_empty_files_array()
    {
        var empty = _build.PathOf("empty-directory");
        Directory.CreateDirectory(empty);

        var run = CliRun.Of("inspect", "--format", "json", empty);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Files(), Is.Empty);
    }

    [Test]
    public void The_text_table_has_a_row_per_elf_file_with_details_and_a_summary()
    {
        var missing = _build.PathOf("missing.so");

        var run = CliRun.Of("inspect", _tree, missing);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("CLASS").And.EndWith("PATH"));
        var helloRow = lines.Single(line => line.EndsWith(" " + Path.Combine(_tree, "hello"), StringComparison.Ordinal));
        Assert.That(helloRow.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..6], Is.EqualTo(new[] { "64", "little", Host.Machine, "dyn", "dynamic", "glibc" }));
        Assert.That(helloRow.IndexOf(Path.Combine(_tree, "hello"), StringComparison.Ordinal), Is.EqualTo(lines[0].IndexOf("PATH", StringComparison.Ordinal)), "the path column lines up with its title");
        var helloIndex = Array.IndexOf(lines, helloRow);
        Assert.That(lines[helloIndex + 1].Trim(), Does.StartWith("interpreter").And.Contain("/ld-linux"));
        Assert.That(lines[helloIndex + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "needed", "libc.so.6" }));
        Assert.That(lines.Any(line => line.EndsWith("a.txt", StringComparison.Ordinal)), Is.False, "files that are not ELF get no row");
        Assert.That(lines.Single(line => line.EndsWith(missing, StringComparison.Ordinal)), Does.StartWith("error"));
        Assert.That(lines[^1], Is.EqualTo("6 files: 3 ELF, 2 not ELF, 1 error"));
    }
}
