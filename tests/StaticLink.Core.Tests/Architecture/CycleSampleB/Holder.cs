using StaticLink.Core.Tests.Architecture.CycleSampleA;

namespace StaticLink.Core.Tests.Architecture.CycleSampleB;

/// <summary>Uses CycleSampleA in a field: with <see cref="Caller"/> a namespace cycle LayeringTests must find.</summary>
internal static class Holder
{
    public static Caller? Last { get; set; }

    public static int Count() => Last is null ? 0 : 1;
}
