using System;

namespace StaticLink.Cli;

/// <summary>The command line is wrong; the message says how, and the caller prints the usage with it.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
