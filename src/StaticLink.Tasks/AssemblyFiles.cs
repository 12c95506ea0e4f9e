using System;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif

namespace StaticLink.Tasks;

/// <summary>Where StaticLink's code was loaded from: the stamp fingerprints it, and the task finds the engine process beside it.</summary>
internal static class AssemblyFiles
{
    /// <summary>
    /// The files the code of <paramref name="types"/> was loaded from; compiled ahead of time into one program (the
    /// engine process) the assemblies have no file, and the program stands for all of them.
    /// </summary>
#if NET
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location is the single-file case, and is answered with the program's path.")]
#endif
    public static string?[] Of(params Type[] types)
    {
        var files = new string?[types.Length];
        for (var index = 0; index < types.Length; index++)
        {
            var location = types[index].Assembly.Location;
#if NET
            files[index] = location.Length == 0 ? Environment.ProcessPath : location;
#else
            files[index] = location;
#endif
        }

        return files;
    }
}
