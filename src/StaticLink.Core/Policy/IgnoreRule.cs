namespace StaticLink.Core.Policy;

/// <summary>A file of the output to leave out of the check: a glob on its relative path or file name, and why.</summary>
public sealed record IgnoreRule(string Pattern, string? Reason = null);
