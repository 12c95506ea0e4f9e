using System;
using System.IO;

namespace StaticLink.Integration.Tests;

/// <summary>Where the repository's files are, found from the test assembly's location.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string SdkProject => Path.Combine(Root, "src", "StaticLink.Sdk", "StaticLink.Sdk.csproj");

    public static string CliProject => Path.Combine(Root, "src", "StaticLink.Cli", "StaticLink.Cli.csproj");

    public static string GlobalJson => Path.Combine(Root, "global.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StaticLink.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"StaticLink.slnx not found above {AppContext.BaseDirectory}");
    }
}
