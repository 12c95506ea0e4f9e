using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class GlobTests
{
    [TestCase("libz.so.1", "libz.so.1", true)]
    [TestCase("libz.so.1", "libz.so.10", false)]
    [TestCase("libz.so.*", "libz.so.1", true)]
    [TestCase("libz.so.*", "libz.so", false)]
    [TestCase("libz.so*", "libz.so", true)]
    [TestCase("libicu*", "libicuuc.so.72", true)]
    [TestCase("lib?.so", "libz.so", true)]
    [TestCase("lib?.so", "libzz.so", false)]
    [TestCase("*", "", true)]
    [TestCase("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [TestCase("LIBZ.so.1", "libz.so.1", false)]
    public void Soname_globs(string pattern, string text, bool expected)
    {
        Assert.That(Glob.IsMatch(pattern, text), Is.EqualTo(expected));
    }

    [TestCase("*.so", "libx.so", true)]
    [TestCase("*.so", "runtimes/libx.so", false)]
    [TestCase("runtimes/*/libx.so", "runtimes/a/libx.so", true)]
    [TestCase("runtimes/*/libx.so", "runtimes/a/b/libx.so", false)]
    [TestCase("runtimes/**/libx.so", "runtimes/a/b/libx.so", true)]
    [TestCase("**/*.so", "a/b/c.so", true)]
    [TestCase("**/*.so", "c.so", true)]
    [TestCase("a?b", "a/b", false)]
    public void Path_globs_stop_at_slashes_unless_doubled(string pattern, string path, bool expected)
    {
        Assert.That(Glob.IsPathMatch(pattern, path), Is.EqualTo(expected));
    }
}
