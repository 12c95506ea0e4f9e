#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets `required` members compile for netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
internal sealed class CompilerFeatureRequiredAttribute : Attribute
{
    public CompilerFeatureRequiredAttribute(string featureName)
    {
        FeatureName = featureName;
    }

    public string FeatureName { get; }
}
#endif
