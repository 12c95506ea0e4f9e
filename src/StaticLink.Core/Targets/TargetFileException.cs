using System;

namespace StaticLink.Core.Targets;

/// <summary>A target file (or catalogue entry) that cannot be used: where and why, for one SL1007 diagnostic.</summary>
public sealed class TargetFileException : Exception
{
    public TargetFileException()
        : this("the target file is malformed")
    {
    }

    public TargetFileException(string message)
        : base(message)
    {
    }

    public TargetFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
