using System.IO;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif

namespace StaticLink.Tasks;

/// <summary>Where the task's code was loaded from: the stamp fingerprints it, and the task finds the engine process beside it.</summary>
internal static class AssemblyFiles
{
    /// <summary>
    /// StaticLink.Tasks.dll and the StaticLink.Core.dll beside it (every build and the package keep them together),
    /// or null compiled ahead of time into one program, where the assemblies have no file: the engine process is
    /// handed the files of the task that started it (<see cref="StaticLinkCheck.CodeFiles"/>), so that the stamps of
    /// both processes are the same.
    /// </summary>
#if NET
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location is the single-file case, answered with null.")]
#endif
    public static string[]? TaskCode()
    {
        var tasks = typeof(AssemblyFiles).Assembly.Location;
        return tasks.Length == 0 ? null : [tasks, Path.Combine(Path.GetDirectoryName(tasks) ?? string.Empty, "StaticLink.Core.dll")];
    }
}
