namespace StaticLink.Integration.Tests;

/// <summary>What a concurrency test compares of a report: its RID and verdict, file names and findings (code and file), sorted.</summary>
internal sealed record ConcurrentPublishReport(string Rid, bool Passed, string[] Files, string[] Findings);
