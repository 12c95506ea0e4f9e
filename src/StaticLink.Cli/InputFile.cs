namespace StaticLink.Cli;

/// <summary>
/// A file found under a directory: its path, or the reason its directory could not be listed. <see cref="TooShortForElf"/>
/// marks files under four bytes, which are answered without being opened: FIFOs, sockets and devices report a size of
/// zero, and opening a FIFO would wait for a writer forever.
/// </summary>
internal readonly record struct InputFile(string Path, string? Error, bool TooShortForElf = false);
