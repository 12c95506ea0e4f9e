using System.Text.RegularExpressions;

namespace StaticLink.Tests.Shared;

/// <summary>Checks every fault run shares, whichever front end (CLI or task) ran it.</summary>
internal static class FaultAssertions
{
    // "   at Namespace.Type.Method(...)" is how .NET prints a stack frame; the table's padded columns never start a line with it.
    private static readonly Regex StackFrame = new(@"^\s+at \S", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static void NoStackTrace(string text)
    {
        Assert.That(StackFrame.IsMatch(text), Is.False, "a stack trace was printed:\n" + text);
        Assert.That(text, Does.Not.Contain("Unhandled exception"), text);
    }
}
