namespace StaticLink.Core.Tests.TestSupport;

/// <summary>Where one structure of a crafted image lies in the file.</summary>
internal sealed record ElfImageRegion(string Name, int Offset, int Size)
{
    public int End => Offset + Size;
}
