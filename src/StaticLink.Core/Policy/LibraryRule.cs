namespace StaticLink.Core.Policy;

/// <summary>A user rule on sonames: a glob such as libz.so.* and why it is there.</summary>
public sealed record LibraryRule(string Pattern, string? Reason = null);
