using System;
using System.IO;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Reporting;

/// <summary>
/// Renders the answers of <c>staticlink inspect</c> one file at a time, so that a directory of any size is written
/// without holding its answers in memory.
/// </summary>
public abstract class InspectWriter
{
    protected InspectWriter(TextWriter output)
    {
        Output = output ?? throw new ArgumentNullException(nameof(output));
    }

    protected TextWriter Output { get; }

    /// <summary>Writes whatever comes before the first file (a header, an opening bracket).</summary>
    public abstract void StartDocument();

    public abstract void Write(ElfInspection inspection);

    /// <summary>Writes whatever closes the document; the writer is not used afterwards.</summary>
    public abstract void EndDocument();
}
