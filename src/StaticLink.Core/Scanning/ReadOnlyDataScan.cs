using System.Collections.Generic;

namespace StaticLink.Core.Scanning;

/// <summary>What the read-only data of one file holds that matters to the policy.</summary>
/// <param name="SonameStrings">NUL-terminated strings shaped like sonames, in file order, without duplicates.</param>
/// <param name="GlibcMarkers">glibc-only strings found (only collected when asked).</param>
/// <param name="Note">Set when the scan was cut short: a bound was hit or a read failed.</param>
public sealed record ReadOnlyDataScan(IReadOnlyList<string> SonameStrings, IReadOnlyList<string> GlibcMarkers, string? Note);
