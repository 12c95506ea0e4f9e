namespace StaticLink.Core.Scanning;

/// <summary>What <see cref="SettlingFile.Wait"/> saw of a file whose read failed.</summary>
internal enum SettlingOutcome
{
    /// <summary>The file is as it was listed, and was not written recently: the failure is the file's own.</summary>
    Unchanged,

    /// <summary>The file changed and has since been quiet: read it again.</summary>
    Settled,

    /// <summary>The file kept changing until the wait ran out.</summary>
    StillChanging,

    /// <summary>The file is gone.</summary>
    Removed,
}
