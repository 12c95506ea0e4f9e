using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Security;

namespace StaticLink.Integration.Tests;

/// <summary>
/// A tiny NuGet package written directly as a zip (a .nuspec and the files, all NuGet needs to restore it) into the
/// run's feed, so that native files built in the test reach a publish output the way a real package's
/// runtimes/&lt;rid&gt;/native/ assets do. It takes the run's version, so the global cache can hold no older copy,
/// and <see cref="DeleteFromCache"/> removes it from that cache afterwards.
/// </summary>
internal sealed class StaticProfileTestPackage
{
    private StaticProfileTestPackage(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public static string Version => PackageFeed.Version;

    /// <summary>The PackageReference line for this package.</summary>
    public string PackageReference => $"<PackageReference Include=\"{Id}\" Version=\"{Version}\" />";

    /// <summary>Writes the package; <paramref name="files"/> maps a path inside the package to a file on disk.</summary>
    public static StaticProfileTestPackage Write(string id, IReadOnlyDictionary<string, string> files)
    {
        var path = Path.Combine(PackageFeed.FeedDirectory, $"{id}.{Version}.nupkg");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var nuspec = archive.CreateEntry(id + ".nuspec");
            using (var writer = new StreamWriter(nuspec.Open()))
            {
                writer.Write($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                      <metadata>
                        <id>{SecurityElement.Escape(id)}</id>
                        <version>{Version}</version>
                        <authors>StaticLink tests</authors>
                        <description>Native files built by StaticLink's integration tests.</description>
                      </metadata>
                    </package>
                    """);
            }

            foreach (var (packagePath, source) in files)
            {
                archive.CreateEntryFromFile(source, packagePath);
            }
        }

        return new StaticProfileTestPackage(id);
    }

    public void DeleteFromCache()
    {
        var idDirectory = Path.Combine(PackageFeed.GlobalPackagesFolder(), Id.ToLowerInvariant());
        var directory = Path.Combine(idDirectory, Version.ToLowerInvariant());
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            // The id exists only for these tests: leave no empty folder behind.
            if (Directory.Exists(idDirectory) && Directory.GetFileSystemEntries(idDirectory).Length == 0)
            {
                Directory.Delete(idDirectory);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
