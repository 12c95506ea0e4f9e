namespace StaticLink.Cli;

internal static class Usage
{
    public const string Text =
        """
        usage: staticlink inspect [--format text|json] [--files-from LIST] PATH...
               staticlink check --rid RID [--target T]... [--framework TFM] [--policy NAME] [--rules FILE.json] [--max-glibc X.Y]
                                [--format text|json] [--report FILE] PATH
               staticlink target capture ROOT|IMAGE.tar [-o FILE] [--id ID] [--kind image|distribution|root-filesystem]
                                [--title T] [--source S] [--arch RID-ARCH] [--alias NAME]... [--env NAME=VALUE]...

        inspect  Reads every file given, or found under a given directory, and shows its ELF facts: class, byte
                 order, machine, type, interpreter, NEEDED, SONAME, RPATH/RUNPATH, version needs, linkage, libc
                 and hardening. --files-from reads one path per line from LIST (- for standard input).
                 Exit code: 0 when every file was read, 2 when some could not be.

        check    Checks a publish directory (or one file) the way the target's loader would: NEEDED libraries
                 the output does not reach and the target does not have, libc flavour, symbol versions and
                 musl symbols, ICU and OpenSSL. --target (repeatable; all must pass) is a built-in target
                 (debian.12, rhel.8, alpine.3.20, mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled,
                 scratch, ...), a target file or a root filesystem; without it, .NET's floor for --framework
                 (default: the newest .NET) and the RID. --policy accepts the old policy names. --rules adds
                 allow/deny/ignore rules and version limits from a JSON file; --report writes the JSON report.
                 Exit code: 0 when there are no errors, 1 when there are, 2 when PATH cannot be read.

        target   capture: reads a root filesystem (or a docker-save / OCI image tar) the way its dynamic loader
                 would, and writes a target file (docs/target-file.md) to FILE or standard output.
                 Exit code: 0 when written, 2 when the root or image cannot be read.

        Usage errors exit with 64.
        """;
}
