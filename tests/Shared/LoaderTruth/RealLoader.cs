using System;
using System.Collections.Generic;
using System.IO;

namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>
/// Asks a root filesystem's real dynamic loader whether a file of a publish output would load there, and runs
/// programs there. The output is copied to a fresh /app/&lt;guid&gt;/ in the root for each call (keeping its relative
/// paths and symlinks, so $ORIGIN and neighbours behave as deployed) and removed afterwards.
/// </summary>
internal static class RealLoader
{
    /// <summary>How long one loader question may take.</summary>
    public static readonly TimeSpan LoaderTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What the loader of <paramref name="root"/> says about <paramref name="relativeFile"/> of the output in
    /// <paramref name="outputDirectory"/>.
    /// </summary>
    /// <remarks>
    /// glibc is asked as `ldd -r` asks it: LD_TRACE_LOADED_OBJECTS=1 lists every needed library, found or not, and
    /// every version need no library meets; LD_WARN=yes with LD_BIND_NOW=1 also binds every symbol now and reports
    /// those nothing defines. Plain trace mode (`ldd`) would call a library whose imports are missing "loadable",
    /// which it is not for dlopen(RTLD_NOW), for data symbols, or once the function is called; binding everything is
    /// the stricter and truer picture, and is what musl does anyway (it always binds at load time, so `--list`
    /// reports undefined symbols too). Files of the output are named /app/&lt;relative path&gt; in the verdict, whatever
    /// staging folder was used. The loader is run explicitly, so the question works for shared libraries
    /// and for executables whatever their PT_INTERP says.
    /// </remarks>
    /// <param name="root">The root filesystem whose loader is asked.</param>
    /// <param name="outputDirectory">The output folder, copied whole into the root.</param>
    /// <param name="relativeFile">The file to ask about, relative to <paramref name="outputDirectory"/>.</param>
    /// <param name="bindNow">
    /// glibc only: false asks as plain `ldd` does (no symbol binding, so no symbol errors), to tell a library that
    /// fails only when an unbound function is first called from one that cannot load at all.
    /// </param>
    public static LoaderVerdict Ask(RootFilesystem root, string outputDirectory, string relativeFile, bool bindNow = true)
    {
        ArgumentNullException.ThrowIfNull(root);
        return WithOutputInRoot(root, outputDirectory, appDirectory =>
        {
            var file = appDirectory + "/" + relativeFile.Replace('\\', '/');
            if (root.Flavor == LibcFlavor.Glibc)
            {
                var environment = new Dictionary<string, string> { ["LD_TRACE_LOADED_OBJECTS"] = "1" };
                if (bindNow)
                {
                    environment["LD_WARN"] = "yes";
                    environment["LD_BIND_NOW"] = "1";
                }

                return LoaderOutputParser.ParseGlibc(
                    WithoutStagingFolder(ChrootExec.Run(root.Path, environment, root.LoaderPath, [file], LoaderTimeout), appDirectory));
            }

            return LoaderOutputParser.ParseMusl(
                WithoutStagingFolder(ChrootExec.Run(root.Path, [], root.LoaderPath, ["--list", file], LoaderTimeout), appDirectory));
        });
    }

    /// <summary>What the loader says about one file, copied alone (none of its neighbours come along).</summary>
    public static LoaderVerdict AskAlone(RootFilesystem root, string file)
    {
        var directory = Directory.CreateTempSubdirectory("loader-truth-");
        try
        {
            File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
            return Ask(root, directory.FullName, Path.GetFileName(file));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs <paramref name="relativeExecutable"/> of the output inside <paramref name="root"/> with
    /// <paramref name="arguments"/>, from the root's /, with a clean environment plus
    /// <paramref name="environment"/>; killed (and throwing) after <paramref name="timeout"/> (two minutes unless given).
    /// </summary>
    public static ProcessResult RunApp(
        RootFilesystem root,
        string outputDirectory,
        string relativeExecutable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(root);

        // Programs (the .NET runtime above all) need /proc; ChrootExec mounts it, privately, where this folder is.
        Directory.CreateDirectory(root.HostPath("/proc"));
        return WithOutputInRoot(root, outputDirectory, appDirectory => ChrootExec.Run(
            root.Path,
            environment ?? new Dictionary<string, string>(),
            appDirectory + "/" + relativeExecutable.Replace('\\', '/'),
            arguments,
            timeout ?? TimeSpan.FromMinutes(2)));
    }

    /// <summary>
    /// The loader names the output's files by their staging path, /app/&lt;guid&gt;/x; verdicts say /app/x, so they
    /// can be compared across calls.
    /// </summary>
    private static ProcessResult WithoutStagingFolder(ProcessResult result, string appDirectory) => result with
    {
        StandardOutput = result.StandardOutput.Replace(appDirectory + "/", "/app/", StringComparison.Ordinal),
        StandardError = result.StandardError.Replace(appDirectory + "/", "/app/", StringComparison.Ordinal),
    };

    private static T WithOutputInRoot<T>(RootFilesystem root, string outputDirectory, Func<string, T> action)
    {
        if (!Directory.Exists(outputDirectory))
        {
            throw new DirectoryNotFoundException(outputDirectory);
        }

        var appDirectory = "/app/" + Guid.NewGuid().ToString("N");
        var hostDirectory = root.HostPath(appDirectory);
        Directory.CreateDirectory(hostDirectory);
        try
        {
            // cp -a keeps symlinks as symlinks and the execute bits, which a managed copy would have to redo.
            ExternalTool.RunChecked("cp", ["-a", Path.GetFullPath(outputDirectory) + "/.", hostDirectory]);
            return action(appDirectory);
        }
        finally
        {
            Directory.Delete(hostDirectory, recursive: true);
        }
    }
}
