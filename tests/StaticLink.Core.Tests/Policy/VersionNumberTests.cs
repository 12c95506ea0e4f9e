using StaticLink.Core.Policy;

namespace StaticLink.Core.Tests.Policy;

public class VersionNumberTests
{
    [TestCase("2.10", "2.9", 1)]
    [TestCase("2.3", "2.3.0", 0)]
    [TestCase("2.2.5", "2.3", -1)]
    [TestCase("3.4.29", "3.4.3", 1)]
    public void Versions_compare_part_by_part(string left, string right, int expected)
    {
        Assert.That(VersionNumber.TryParse(left, out var a), Is.True);
        Assert.That(VersionNumber.TryParse(right, out var b), Is.True);
        Assert.That(System.Math.Sign(a!.CompareTo(b)), Is.EqualTo(expected));
        Assert.That(a == b, Is.EqualTo(expected == 0));
    }

    [TestCase("")]
    [TestCase("2.")]
    [TestCase(".2")]
    [TestCase("2..3")]
    [TestCase("2.x")]
    [TestCase("-2")]
    [TestCase("12345678901")]
    public void Malformed_versions_are_rejected(string text)
    {
        Assert.That(VersionNumber.TryParse(text, out _), Is.False);
    }

    [TestCase("GLIBC_2.2.5", "GLIBC", "2.2.5")]
    [TestCase("GLIBCXX_3.4.29", "GLIBCXX", "3.4.29")]
    [TestCase("CXXABI_TM_1", "CXXABI_TM", "1")]
    [TestCase("GCC_3.0", "GCC", "3.0")]
    public void Symbol_versions_split_into_prefix_and_version(string name, string prefix, string version)
    {
        Assert.That(VersionNumber.TrySplitSymbolVersion(name, out var actualPrefix, out var actualVersion), Is.True);
        Assert.That(actualPrefix, Is.EqualTo(prefix));
        Assert.That(actualVersion!.Text, Is.EqualTo(version));
    }

    [TestCase("GLIBC_PRIVATE")]
    [TestCase("VERS_1.0a")]
    [TestCase("_1.0")]
    [TestCase("NOVERSION")]
    public void Names_without_a_numeric_version_have_none(string name)
    {
        Assert.That(VersionNumber.TrySplitSymbolVersion(name, out _, out _), Is.False);
    }
}
