#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Lets constructors that set `required` members compile for netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
internal sealed class SetsRequiredMembersAttribute : Attribute
{
}
#endif
