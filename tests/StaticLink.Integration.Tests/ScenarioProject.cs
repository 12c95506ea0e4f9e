using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared;

namespace StaticLink.Integration.Tests;

/// <summary>
/// A real project in its own folder, as a user would have it: its own global.json (the repository's), a nuget.config
/// that adds the freshly packed feed to the machine's default sources, a project file and a Program.cs.
/// Every command leaves a binary log in logs/, kept when a test fails.
/// </summary>
internal sealed class ScenarioProject
{
    private int _commandCount;

    private ScenarioProject(string directory, string projectFile)
    {
        Directory = directory;
        ProjectFile = projectFile;
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    /// <summary>The PackageReference line for the package under test.</summary>
    public static string PackageReference => $"<PackageReference Include=\"StaticLink.Sdk\" Version=\"{PackageFeed.Version}\" PrivateAssets=\"all\" />";

    public static ScenarioProject Create(string name, string projectXml, string program = "System.Console.WriteLine(\"Hello from StaticLink's tests\");\n")
    {
        var directory = Path.Combine(PackageFeed.WorkDirectory, name);
        System.IO.Directory.CreateDirectory(directory);
        File.Copy(RepositoryLayout.GlobalJson, Path.Combine(directory, "global.json"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="staticlink-under-test" value="{PackageFeed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        var projectFile = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(projectFile, projectXml);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return new ScenarioProject(directory, projectFile);
    }

    public string PublishDirectory(string targetFramework, string runtimeIdentifier) =>
        Path.Combine(Directory, "bin", "Release", targetFramework, runtimeIdentifier, "publish");

    public string IntermediateDirectory(string targetFramework, string runtimeIdentifier) =>
        Path.Combine(Directory, "obj", "Release", targetFramework, runtimeIdentifier);

    public void WriteFile(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(Directory, name), bytes);

    /// <summary>dotnet publish -c Release at normal verbosity, where StaticLink's summary and skip messages show.</summary>
    public CommandResult Publish(params string[] arguments) => Run("publish", ["-c", "Release", .. arguments]);

    public CommandResult Restore(params string[] arguments) => Run("restore", arguments);

    /// <summary>dotnet publish -c Release with environment variables set, e.g. the GITHUB_STEP_SUMMARY a CI job has.</summary>
    public CommandResult PublishWith(IReadOnlyDictionary<string, string> environment, params string[] arguments) => Run("publish", ["-c", "Release", .. arguments], environment);

    /// <summary>dotnet msbuild, e.g. to run the StaticLinkCheck target alone.</summary>
    public CommandResult MSBuild(params string[] arguments) => Run("msbuild", ["-p:Configuration=Release", .. arguments]);

    private CommandResult Run(string verb, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        _commandCount++;
        var log = Path.Combine(Directory, "logs", $"{_commandCount:00}-{verb}.binlog");
        // The defaults come first so that a test's own -v: wins (MSBuild takes the last one).
        return DotNetCli.Run(Directory, new[] { verb, ProjectFile, "-v:n", $"-bl:{log}", "-nodeReuse:false", "-p:UseSharedCompilation=false" }.Concat(arguments), environment: environment);
    }
}
