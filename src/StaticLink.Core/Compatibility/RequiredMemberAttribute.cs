#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets `required` members compile for netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class RequiredMemberAttribute : Attribute
{
}
#endif
