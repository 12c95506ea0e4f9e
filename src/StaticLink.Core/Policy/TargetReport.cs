using StaticLink.Core.Targets;

namespace StaticLink.Core.Policy;

/// <summary>A target a check ran against, for the summary line and the report: which, why, and from what data.</summary>
/// <param name="Id">The target's id, e.g. debian.12.</param>
/// <param name="Origin">Named, from the container settings, or .NET's floor.</param>
/// <param name="Reason">How it was chosen, in words.</param>
/// <param name="Title">What it is, for people.</param>
/// <param name="Source">Where its facts come from.</param>
public sealed record TargetReport(string Id, TargetOrigin Origin, string Reason, string Title, string Source);
