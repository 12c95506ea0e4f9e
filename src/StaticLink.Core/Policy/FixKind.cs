namespace StaticLink.Core.Policy;

/// <summary>What one step of a fix changes; each front end writes the changing kinds in its own terms.</summary>
public enum FixKind
{
    /// <summary>Something to do outside the check's settings (install, rebuild, relink): plain words, the same everywhere.</summary>
    Advice,

    /// <summary>Accept a library the target lacks: <see cref="FixStep.Library"/>, optionally a glob in <see cref="FixStep.Pattern"/>.</summary>
    AllowLibrary,

    /// <summary>Leave a file out of the check: <see cref="FixStep.File"/>.</summary>
    IgnoreFile,

    /// <summary>Raise the newest allowed version of <see cref="FixStep.Prefix"/> to <see cref="FixStep.Version"/>.</summary>
    RaiseVersionLimit,

    /// <summary>Check against another target: <see cref="FixStep.TargetId"/>.</summary>
    UseTarget,

    /// <summary>Publish for another runtime identifier: <see cref="FixStep.RuntimeIdentifier"/>.</summary>
    UseRuntimeIdentifier,

    /// <summary>Set a project property: <see cref="FixStep.Name"/> to <see cref="FixStep.Value"/>.</summary>
    SetProperty,

    /// <summary>Set an environment variable in the image: <see cref="FixStep.Name"/> to <see cref="FixStep.Value"/>.</summary>
    SetEnvironmentVariable,

    /// <summary>Publish fully static (NativeAOT with StaticExecutable).</summary>
    LinkStatically,

    /// <summary>Use the package's build for <see cref="FixStep.RuntimeIdentifier"/> of <see cref="FixStep.Library"/>, an asset under runtimes/RID/native/.</summary>
    UsePackageAsset,
}
