namespace StaticLink.Core.Policy;

/// <summary>
/// A group of libraries a program loads at run time with dlopen, with what it is for and how to avoid it in .NET
/// terms. Libraries of one family are reported once per file ("libssl.so.3, or libssl.so.1.1, ...").
/// </summary>
/// <param name="Key">Stable grouping key: a known family's id, or the library's stem for unknown ones.</param>
/// <param name="Purpose">Why it is loaded, e.g. "OpenSSL, for cryptography and TLS".</param>
/// <param name="Fix">How to do without it, or provide it.</param>
/// <param name="IsDotNetRuntime">True for the .NET runtime's own known dlopen targets.</param>
/// <param name="Preferred">The name to quote first when present (the one the runtime tries first), e.g. libssl.so.3.</param>
public sealed record RuntimeLoadFamily(string Key, string? Purpose, FindingFix Fix, bool IsDotNetRuntime, string? Preferred = null);
