using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Runs a program inside a root filesystem with an environment of our choosing, through a tiny static helper.
/// </summary>
/// <remarks>
/// `LD_TRACE_LOADED_OBJECTS=1 chroot ROOT /lib64/ld-linux-x86-64.so.2 FILE` does not work: the variable reaches the
/// host's dynamically linked `chroot` first, whose own loader then lists chroot's libraries and exits without ever
/// entering the root. (`ld.so --list FILE` avoids the variable but stops at the first missing library instead of
/// listing them all.) The helper is linked statically with musl, so no loader reads the variables on the way in:
/// it calls chroot(2), then execve(2) with exactly the environment it was given, which also keeps the host's
/// environment (LD_LIBRARY_PATH, DOTNET_*) out of the verdicts.
/// </remarks>
internal static class ChrootExec
{
    private const string Source = """
        #define _GNU_SOURCE
        #include <sched.h>
        #include <stdio.h>
        #include <string.h>
        #include <sys/mount.h>
        #include <sys/stat.h>
        #include <unistd.h>

        /* chroot-exec ROOT [NAME=VALUE...] -- PROGRAM [ARG...] */
        int main(int argc, char **argv) {
            char *env[256];
            int count = 0, i = 2;
            if (argc < 3) { fprintf(stderr, "usage: chroot-exec ROOT [NAME=VALUE...] -- PROGRAM [ARG...]\n"); return 125; }
            for (; i < argc && strcmp(argv[i], "--") != 0; i++) { if (count < 255) env[count++] = argv[i]; }
            env[count] = 0;
            if (i + 1 >= argc) { fprintf(stderr, "chroot-exec: no program\n"); return 125; }
            char proc[4096];
            struct stat info;
            snprintf(proc, sizeof proc, "%s/proc", argv[1]);
            if (stat(proc, &info) == 0 && S_ISDIR(info.st_mode)) {
                if (unshare(CLONE_NEWNS) != 0 || mount(0, "/", 0, MS_REC | MS_PRIVATE, 0) != 0
                    || mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) != 0) { perror("chroot-exec: /proc"); return 125; }
            }
            if (chroot(argv[1]) != 0 || chdir("/") != 0) { perror("chroot-exec: chroot"); return 125; }
            execve(argv[i + 1], argv + i + 1, env);
            perror("chroot-exec: execve");
            return 126;
        }
        """;

    /// <summary>Exit codes of the helper itself (not of the program): bad use, chroot failed, exec failed.</summary>
    public static readonly IReadOnlySet<int> HelperFailures = new HashSet<int> { 125, 126 };

    private static readonly Lazy<string> HelperPath = new(BuildHelper);

    /// <summary>
    /// Runs <paramref name="program"/> (a path inside <paramref name="root"/>) there with only
    /// <paramref name="environment"/> (plus PATH and LC_ALL=C), killing it after <paramref name="timeout"/>.
    /// </summary>
    public static ProcessResult Run(
        string root, IEnumerable<KeyValuePair<string, string>> environment, string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["LC_ALL"] = "C",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var helperArguments = new List<string> { root };
        helperArguments.AddRange(variables.Select(variable => variable.Key + "=" + variable.Value));
        helperArguments.Add("--");
        helperArguments.Add(program);
        helperArguments.AddRange(arguments);
        return ExternalTool.Run(HelperPath.Value, helperArguments, timeout: timeout);
    }

    private static string BuildHelper()
    {
        var directory = CachedBuild.Directory(
            Path.Combine(LoaderTruthPaths.CacheDirectory, "tools", "chroot-exec-" + CachedBuild.Hash(Source)),
            temporary =>
            {
                var source = Path.Combine(temporary, "chroot-exec.c");
                File.WriteAllText(source, Source);
                ExternalTool.RunChecked("musl-gcc", ["-static", "-Os", "-o", Path.Combine(temporary, "chroot-exec"), source]);
            });
        return Path.Combine(directory, "chroot-exec");
    }
}
