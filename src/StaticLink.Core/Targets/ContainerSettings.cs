namespace StaticLink.Core.Targets;

/// <summary>
/// The project's container settings, as the .NET SDK's container support reads them (dotnet/sdk src/Containers,
/// ComputeDotnetBaseImageAndTag). When the project builds a container with the SDK, its base image is the target.
/// </summary>
public sealed class ContainerSettings
{
    /// <summary>PublishContainer, EnableSdkContainerSupport, or a ContainerBaseImage/ContainerFamily was set.</summary>
    public bool BuildsContainer { get; init; }

    /// <summary>ContainerBaseImage: when set, the SDK uses it as is.</summary>
    public string? BaseImage { get; init; }

    /// <summary>ContainerFamily, e.g. noble-chiseled, alpine, azurelinux3.0-distroless.</summary>
    public string? Family { get; init; }

    /// <summary>The TFM, e.g. net10.0: its major.minor is the tag's version.</summary>
    public string? TargetFramework { get; init; }

    public bool SelfContained { get; init; }

    public bool PublishAot { get; init; }

    public bool PublishTrimmed { get; init; }

    public bool InvariantGlobalization { get; init; }

    /// <summary>The project references Microsoft.AspNetCore.App (the SDK then picks dotnet/aspnet).</summary>
    public bool UsesAspNetCore { get; init; }
}
