using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using StaticLink.Tests.Shared;

namespace StaticLink.Core.Tests.Targets;

/// <summary>Real Debian packages (this machine's apt sources) unpacked into a root, as build/targets/generate.sh does.</summary>
internal static class DebianPackages
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "staticlink-test-debs");

    /// <summary>Downloads (once per machine) and unpacks the packages into <paramref name="root"/>.</summary>
    public static void Unpack(string root, params string[] packages)
    {
        Directory.CreateDirectory(Cache);
        foreach (var package in packages)
        {
            var deb = Find(package);
            if (deb is null)
            {
                var download = ExternalTool.Run("apt-get", ["-qq", "download", package], Cache, TimeSpan.FromMinutes(3));
                if (download.ExitCode != 0)
                {
                    Assert.Ignore($"apt-get download {package} failed (no package source?): {download.Describe()}");
                }

                deb = Find(package) ?? throw new InvalidOperationException($"{package}: downloaded but not found in {Cache}");
            }

            var unpack = ExternalTool.Run("dpkg-deb", ["-x", deb, root]);
            Assert.That(unpack.ExitCode, Is.Zero, unpack.Describe());
        }
    }

    private static string? Find(string package)
    {
        var name = package.Split(':')[0];
        var matches = new List<string>(Directory.GetFiles(Cache, name + "_*.deb"));
        matches.Sort(StringComparer.Ordinal);
        return matches.Count == 0 ? null : matches[^1];
    }
}
