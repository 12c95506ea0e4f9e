namespace StaticLink.Core.Tests.Architecture.CycleSampleA;

/// <summary>Uses CycleSampleB only inside a method body, so that LayeringTests can show its reading finds such a use.</summary>
internal sealed class Caller
{
    public static int Call() => CycleSampleB.Holder.Count();
}
