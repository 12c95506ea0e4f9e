namespace StaticLink.Tests.Shared.LoaderTruth;

/// <summary>A symbol the loader could not bind: <paramref name="Symbol"/>, needed by <paramref name="File"/>.</summary>
/// <param name="Symbol">The symbol's name, with glibc's ", version X" left off.</param>
/// <param name="File">The path (inside the root) of the object that needs it.</param>
internal sealed record SymbolError(string Symbol, string File)
{
    public override string ToString() => $"{Symbol} ({File})";
}
