using System;
using System.Collections.Generic;

namespace StaticLink.Core.Policy;

/// <summary>
/// One sentence of a fix: words before and after the change, and the change as typed data, so that the MSBuild task
/// can write <c>&lt;StaticLinkAllow Include="libz.so.1" /&gt;</c> where the CLI writes a rules-file entry. The
/// sentence reads <see cref="Before"/> + the front end's rendering + <see cref="After"/> + ".".
/// </summary>
public sealed class FixStep
{
    private FixStep(FixKind kind, string before, string after)
    {
        Kind = kind;
        Before = before ?? throw new ArgumentNullException(nameof(before));
        After = after ?? string.Empty;
    }

    public FixKind Kind { get; }

    /// <summary>The words before the change: "If the library is really there, allow it with ".</summary>
    public string Before { get; }

    /// <summary>The words after the change, without the closing period.</summary>
    public string After { get; }

    /// <summary>The library to allow, or whose package asset to use.</summary>
    public string? Library { get; private init; }

    /// <summary>A glob of library names, when the allowance covers more than <see cref="Library"/>.</summary>
    public string? Pattern { get; private init; }

    /// <summary>The file (output-relative path) to ignore.</summary>
    public string? File { get; private init; }

    /// <summary>Why an allowance or ignore is right, when the engine knows; null leaves the reason to the user.</summary>
    public string? Reason { get; private init; }

    /// <summary>The symbol version prefix (GLIBC, GLIBCXX, ...) of a version limit.</summary>
    public string? Prefix { get; private init; }

    /// <summary>The version a limit must be raised to.</summary>
    public string? Version { get; private init; }

    public string? TargetId { get; private init; }

    public string? RuntimeIdentifier { get; private init; }

    /// <summary>The property or environment variable name.</summary>
    public string? Name { get; private init; }

    /// <summary>The property or environment variable value.</summary>
    public string? Value { get; private init; }

    /// <summary>"allowLibrary": the kind as reports write it.</summary>
    public string KindName => Kind switch
    {
        FixKind.Advice => "advice",
        FixKind.AllowLibrary => "allowLibrary",
        FixKind.IgnoreFile => "ignoreFile",
        FixKind.RaiseVersionLimit => "raiseVersionLimit",
        FixKind.UseTarget => "useTarget",
        FixKind.UseRuntimeIdentifier => "useRuntimeIdentifier",
        FixKind.SetProperty => "setProperty",
        FixKind.SetEnvironmentVariable => "setEnvironmentVariable",
        FixKind.LinkStatically => "linkStatically",
        FixKind.UsePackageAsset => "usePackageAsset",
        _ => "unknown (" + ((int)Kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>The kind and the data that are set, as name and value, in a fixed order: what a report writes of the step.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields()
    {
        var fields = new List<(string Name, string Value)> { ("kind", KindName) };
        Add(fields, "text", Kind == FixKind.Advice ? Before : null);
        Add(fields, "library", Library);
        Add(fields, "pattern", Pattern);
        Add(fields, "file", File);
        Add(fields, "reason", Reason);
        Add(fields, "prefix", Prefix);
        Add(fields, "version", Version);
        Add(fields, "target", TargetId);
        Add(fields, "rid", RuntimeIdentifier);
        Add(fields, "name", Name);
        Add(fields, "value", Value);
        return fields;
    }

    private static void Add(List<(string Name, string Value)> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add((name, value));
        }
    }

    /// <summary>A sentence of plain words (no period), the same in every front end.</summary>
    public static FixStep Advice(string text) => new(FixKind.Advice, text, string.Empty);

    public static FixStep AllowLibrary(string before, string library, string? pattern = null, string? reason = null, string after = "") =>
        new(FixKind.AllowLibrary, before, after) { Library = library, Pattern = pattern, Reason = reason };

    public static FixStep IgnoreFile(string before, string file, string? reason = null, string after = "") =>
        new(FixKind.IgnoreFile, before, after) { File = file, Reason = reason };

    public static FixStep RaiseVersionLimit(string before, string prefix, string version, string after = "") =>
        new(FixKind.RaiseVersionLimit, before, after) { Prefix = prefix, Version = version };

    public static FixStep UseTarget(string before, string targetId, string after = "") =>
        new(FixKind.UseTarget, before, after) { TargetId = targetId };

    public static FixStep UseRuntimeIdentifier(string before, string runtimeIdentifier, string after = "") =>
        new(FixKind.UseRuntimeIdentifier, before, after) { RuntimeIdentifier = runtimeIdentifier };

    public static FixStep SetProperty(string before, string name, string value, string after = "") =>
        new(FixKind.SetProperty, before, after) { Name = name, Value = value };

    public static FixStep SetEnvironmentVariable(string before, string name, string value, string after = "") =>
        new(FixKind.SetEnvironmentVariable, before, after) { Name = name, Value = value };

    public static FixStep LinkStatically(string before, string runtimeIdentifier, string after = "") =>
        new(FixKind.LinkStatically, before, after) { RuntimeIdentifier = runtimeIdentifier };

    public static FixStep UsePackageAsset(string before, string runtimeIdentifier, string library, string after = "") =>
        new(FixKind.UsePackageAsset, before, after) { RuntimeIdentifier = runtimeIdentifier, Library = library };
}
