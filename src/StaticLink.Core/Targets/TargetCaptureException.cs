using System;

namespace StaticLink.Core.Targets;

/// <summary>A root filesystem or image archive that cannot be captured at all (missing, not a directory, not an image).</summary>
public sealed class TargetCaptureException : Exception
{
    public TargetCaptureException()
        : this("the root filesystem cannot be captured")
    {
    }

    public TargetCaptureException(string message)
        : base(message)
    {
    }

    public TargetCaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
