using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.Elf;

/// <summary>The one rule for what a library's name looks like, used by the scanner, the read-only data scan and P/Invoke.</summary>
public class SonameTextTests
{
    [TestCase("libz.so", true)]
    [TestCase("libz.so.1", true)]
    [TestCase("libssl.so.1.1", true)]
    [TestCase("libstdc++.so.6", true)]
    [TestCase("libx.so", true)]
    [TestCase("lib.so", false)]
    [TestCase("libssl.so.", false)]
    [TestCase("libssl.so.x", false)]
    [TestCase("see libfoo.so", false)]
    [TestCase("foo.so", false)]
    [TestCase("libfoo.sox", false)]
    [TestCase("libfoo.so.1a", false)]
    public void A_soname_is_lib_then_a_name_then_so_and_a_numeric_version(string text, bool expected)
    {
        Assert.That(SonameText.LooksLikeSoname(text), Is.EqualTo(expected));
    }

    [TestCase("libz.so", true)]
    [TestCase("libz.so.1.2.13", true)]
    [TestCase("_ssl.cpython-312-x86_64-linux-gnu.so", true)]
    [TestCase("libx.so.1.so", true)]
    [TestCase("app", false)]
    [TestCase("libz.so.debug", false)]
    [TestCase("libz.sox", false)]
    [TestCase("libz.so.1a", false)]
    public void A_library_file_name_ends_in_so_and_a_numeric_version(string name, bool expected)
    {
        Assert.That(SonameText.HasLibrarySuffix(name), Is.EqualTo(expected));
    }
}
