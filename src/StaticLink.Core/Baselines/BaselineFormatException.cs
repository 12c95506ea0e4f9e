using System;

namespace StaticLink.Core.Baselines;

/// <summary>A baseline file that is not valid JSON or not in the baseline format; the message says where and why.</summary>
public sealed class BaselineFormatException : Exception
{
    public BaselineFormatException()
    {
    }

    public BaselineFormatException(string message)
        : base(message)
    {
    }

    public BaselineFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
