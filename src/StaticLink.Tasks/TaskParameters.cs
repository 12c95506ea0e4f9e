using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.Build.Framework;

namespace StaticLink.Tasks;

/// <summary>
/// The task's inputs, found by reflection so that a parameter added later is fingerprinted by the stamp and handed to
/// the engine process without being listed a second time: every public settable property that is not an output.
/// </summary>
internal static class TaskParameters
{
    public const string PatternMetadata = "Pattern";
    public const string ReasonMetadata = "Reason";
    public const string VersionMetadata = "Version";
    public const string PackageIdMetadata = "NuGetPackageId";
    public const string PackageVersionMetadata = "NuGetPackageVersion";
    public const string RelativePathMetadata = "RelativePath";

    /// <summary>Every item metadata the settings (<see cref="TaskSettings"/>) are read from.</summary>
    private static readonly string[] MetadataRead = [PatternMetadata, ReasonMetadata, VersionMetadata, PackageIdMetadata, PackageVersionMetadata, RelativePathMetadata];

    private static PropertyInfo[]? _inputs;

    /// <summary>In name order, as reflection promises none.</summary>
    public static IReadOnlyList<PropertyInfo> Inputs => _inputs ??= Find();

    /// <summary>
    /// The metadata of <paramref name="item"/> that the settings read and that it has (an empty value is none): the
    /// stamp compares exactly these, and the engine process is handed exactly these.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> MetadataOf(ITaskItem item)
    {
        foreach (var name in MetadataRead)
        {
            var value = item.GetMetadata(name);
            if (value.Length > 0)
            {
                yield return (name, value);
            }
        }
    }

    private static PropertyInfo[] Find()
    {
        var inputs = new List<PropertyInfo>();
        foreach (var property in typeof(StaticLinkCheck).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (property.GetSetMethod() is not null && !Attribute.IsDefined(property, typeof(OutputAttribute)))
            {
                inputs.Add(property);
            }
        }

        inputs.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return inputs.ToArray();
    }
}
