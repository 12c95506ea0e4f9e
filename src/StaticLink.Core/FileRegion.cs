namespace StaticLink.Core;

/// <summary>
/// A range of a file's bytes: where the read-only data scan reads and where a bundle marker is searched.
/// <para>
/// A class, not a (long, long) tuple: a framework collection over a value type is generic code that no ReadyToRun
/// image outside the framework can hold, so every MSBuild process that ran the check JIT-compiled the 16 methods of
/// List&lt;(long, long)&gt; it used.
/// </para>
/// </summary>
/// <param name="Offset">Where the range starts in the file.</param>
/// <param name="Length">How many bytes it holds.</param>
public sealed record FileRegion(long Offset, long Length);
