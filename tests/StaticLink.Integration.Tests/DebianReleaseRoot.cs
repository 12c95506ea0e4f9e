using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticLink.Tests.Shared;
using StaticLink.Tests.Shared.LoaderTruth;

namespace StaticLink.Integration.Tests;

/// <summary>
/// A root filesystem of an older Debian release's packages (bullseye: Debian 11, glibc 2.31), made by the
/// loader-truth harness's <see cref="RootFilesystem.FromPackages"/> with apt pointed at a private configuration for that
/// release (as build/targets/generate.sh does). The mirror is the one this machine's apt already uses, read from
/// /etc/apt at run time, so no host is written anywhere; the package lists live in the harness's cache folder.
/// </summary>
internal static class DebianReleaseRoot
{
    private static readonly object Gate = new();

    /// <summary>Debian 11's packages, e.g. libc6 2.31, unpacked and prepared like every harness root.</summary>
    public static RootFilesystem Bullseye(params string[] packages) => Of("bullseye", packages);

    private static RootFilesystem Of(string release, string[] packages)
    {
        lock (Gate)
        {
            var configuration = PrivateApt(release);
            // apt-get reads APT_CONFIG before anything else; the harness's apt-get download inherits it from us.
            // The tests of this assembly run one at a time, so no other apt call sees it meanwhile.
            var previous = Environment.GetEnvironmentVariable("APT_CONFIG");
            Environment.SetEnvironmentVariable("APT_CONFIG", configuration);
            try
            {
                return RootFilesystem.FromPackages("debian-" + release, LibcFlavor.Glibc, packages);
            }
            finally
            {
                Environment.SetEnvironmentVariable("APT_CONFIG", previous);
            }
        }
    }

    /// <summary>Writes apt's private state for the release (its own sources, lists, cache, empty dpkg status) and updates its lists once a day.</summary>
    private static string PrivateApt(string release)
    {
        var directory = Path.Combine(LoaderTruthPaths.CacheDirectory, "apt-" + release);
        var lists = Path.Combine(directory, "lists");
        Directory.CreateDirectory(Path.Combine(lists, "partial"));
        Directory.CreateDirectory(Path.Combine(directory, "cache", "archives", "partial"));
        var status = Path.Combine(directory, "status");
        if (!File.Exists(status))
        {
            // An empty dpkg status: the candidate is the archive's version, never this machine's installed one.
            File.WriteAllText(status, string.Empty);
        }

        var sources = Path.Combine(directory, "sources.list");
        var mirror = Mirror();
        File.WriteAllText(sources, $"deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] {mirror} {release} main\n");
        var configuration = Path.Combine(directory, "apt.conf");
        File.WriteAllText(configuration, $$"""
            Dir::Etc::SourceList "{{sources}}";
            Dir::Etc::SourceParts "/dev/null";
            Dir::State::Lists "{{lists}}";
            Dir::State::status "{{status}}";
            Dir::Cache "{{Path.Combine(directory, "cache")}}";
            APT::Architectures { "amd64"; };
            APT::Sandbox::User "root";

            """);

        var stamp = Path.Combine(directory, "updated");
        if (!File.Exists(stamp) || File.GetLastWriteTimeUtc(stamp) < DateTime.UtcNow.AddDays(-1))
        {
            ExternalTool.RunChecked("apt-get", ["-c", configuration, "-qq", "update"]);
            File.WriteAllText(stamp, mirror + "\n");
        }

        return configuration;
    }

    /// <summary>The machine's main Debian archive: the first apt source whose path ends in /debian (not -security).</summary>
    private static string Mirror()
    {
        var uris = new List<string>();
        var parts = "/etc/apt/sources.list.d";
        if (Directory.Exists(parts))
        {
            foreach (var file in Directory.GetFiles(parts, "*.sources").Order(StringComparer.Ordinal))
            {
                uris.AddRange(File.ReadAllLines(file)
                    .Where(line => line.StartsWith("URIs:", StringComparison.Ordinal))
                    .SelectMany(line => line["URIs:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        if (File.Exists("/etc/apt/sources.list"))
        {
            uris.AddRange(File.ReadAllLines("/etc/apt/sources.list")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length > 1 && fields[0] == "deb")
                .SelectMany(fields => fields.Skip(1).Where(field => field.Contains("://", StringComparison.Ordinal)).Take(1)));
        }

        return uris.FirstOrDefault(uri => uri.TrimEnd('/').EndsWith("/debian", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("no Debian archive in /etc/apt's sources: the Debian 11 root cannot be downloaded");
    }
}
