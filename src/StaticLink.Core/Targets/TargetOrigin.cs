namespace StaticLink.Core.Targets;

/// <summary>Why a check uses the target it uses; the summary line always says it.</summary>
public enum TargetOrigin
{
    /// <summary>StaticLinkTarget or --target named it.</summary>
    Named,

    /// <summary>Computed from the project's container settings, the way the .NET SDK picks its base image.</summary>
    ContainerSettings,

    /// <summary>Nothing was named: .NET's floor for the TFM and RID.</summary>
    DotNetFloor,
}
