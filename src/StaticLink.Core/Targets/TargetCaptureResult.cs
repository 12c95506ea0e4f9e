using System.Collections.Generic;

namespace StaticLink.Core.Targets;

/// <summary>A capture and what it had to pass over: files that looked like libraries but could not be read.</summary>
public sealed class TargetCaptureResult
{
    public TargetCaptureResult(TargetDescription target, IReadOnlyList<string> skippedFiles, IReadOnlyList<string> notes)
    {
        Target = target;
        SkippedFiles = skippedFiles;
        Notes = notes;
    }

    public TargetDescription Target { get; }

    /// <summary>"/usr/lib/x/libbroken.so.1: reason", one per unreadable or malformed ELF file, in path order.</summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <summary>Lines for people: how the flavour and release were decided, what was skipped.</summary>
    public IReadOnlyList<string> Notes { get; }
}
