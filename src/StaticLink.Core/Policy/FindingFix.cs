using System;
using System.Collections.Generic;
using System.Text;

namespace StaticLink.Core.Policy;

/// <summary>
/// How to fix a finding, as data: sentences of advice and typed changes (allow a library, ignore a file, raise a
/// limit, another target or RID, a property). The engine speaks no front end's language; the MSBuild task writes
/// the changes as MSBuild XML, the CLI as options and rules-file JSON, the reports as their fields.
/// </summary>
public sealed class FindingFix
{
    public FindingFix(IReadOnlyList<FixStep> steps)
    {
        Steps = steps ?? throw new ArgumentNullException(nameof(steps));
    }

    public FindingFix(params FixStep[] steps)
        : this((IReadOnlyList<FixStep>)steps)
    {
    }

    /// <summary>The sentences in order: what to do first comes first.</summary>
    public IReadOnlyList<FixStep> Steps { get; }

    /// <summary>
    /// The fix as sentences, each change written by <paramref name="render"/>; a step it returns null for (a change
    /// that front end cannot make) is left out, so no front end offers a fix it cannot apply.
    /// </summary>
    public string Text(Func<FixStep, string?> render)
    {
        if (render is null)
        {
            throw new ArgumentNullException(nameof(render));
        }

        var text = new StringBuilder();
        foreach (var step in Steps)
        {
            var change = step.Kind switch
            {
                FixKind.Advice => string.Empty,
                FixKind.UsePackageAsset => $"runtimes/{step.RuntimeIdentifier}/native/{step.Library}",
                _ => render(step),
            };
            if (change is null)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(step.Before).Append(change).Append(step.After).Append('.');
        }

        return text.ToString();
    }

    /// <summary>The changes named in plain words ("allow libz.so.1", "target debian.12"), for reports read by every front end's users.</summary>
    public string PlainText() => Text(PlainChange);

    private static string PlainChange(FixStep step) => step.Kind switch
    {
        FixKind.AllowLibrary => "an allow rule for " + (step.Pattern ?? step.Library),
        FixKind.IgnoreFile => "an ignore rule for " + step.File,
        FixKind.RaiseVersionLimit => $"a limit of {step.Prefix} {step.Version}",
        FixKind.UseTarget => "the target " + step.TargetId,
        FixKind.UseRuntimeIdentifier => "the RID " + step.RuntimeIdentifier,
        FixKind.SetProperty => $"the property {step.Name}={step.Value}",
        FixKind.SetEnvironmentVariable => $"the environment variable {step.Name}={step.Value}",
        FixKind.LinkStatically => "NativeAOT with StaticExecutable",
        _ => string.Empty,
    };
}
