namespace StaticLink.Cli;

internal static class Usage
{
    public const string Text =
        """
        usage: staticlink inspect [--format text|json] [--files-from LIST] PATH...
               staticlink check --rid RID [--policy NAME] [--rules FILE.json] [--max-glibc X.Y]
                                [--format text|json] [--report FILE] PATH
               staticlink target capture ROOT|IMAGE.tar [-o FILE] [--id ID] [--kind image|distribution|root-filesystem]
                                [--title T] [--source S] [--arch RID-ARCH] [--alias NAME]... [--env NAME=VALUE]...

        inspect  Reads every file given, or found under a given directory, and shows its ELF facts: class, byte
                 order, machine, type, interpreter, NEEDED, SONAME, RPATH/RUNPATH, version needs, linkage, libc
                 and hardening. --files-from reads one path per line from LIST (- for standard input).
                 Exit code: 0 when every file was read, 2 when some could not be.

        check    Checks a publish directory (or one file) against the policy of a runtime identifier: shared
                 libraries that are neither bundled nor allowed, libc flavour, symbol versions. --rules adds
                 allow/deny/ignore rules and version limits from a JSON file; --report writes the JSON report.
                 Exit code: 0 when there are no errors, 1 when there are, 2 when PATH cannot be read.

        target   capture: reads a root filesystem (or a docker-save / OCI image tar) the way its dynamic loader
                 would, and writes a target file (docs/target-file.md) to FILE or standard output.
                 Exit code: 0 when written, 2 when the root or image cannot be read.

        Usage errors exit with 64.
        """;
}
