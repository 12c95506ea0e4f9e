namespace StaticLink.Core.Targets;

/// <summary>A target a check runs against, with why it was chosen (the summary line says it).</summary>
/// <param name="Description">The target's facts.</param>
/// <param name="Origin">Named (the static profile names the static policy), from the container settings, or .NET's floor.</param>
/// <param name="Reason">How it was chosen, in words: "StaticLinkTarget", "ContainerFamily=noble-chiseled: the SDK's base image ...".</param>
/// <param name="RequiresFullyStatic">Every file must be fully static (the static policy or profile).</param>
public sealed record ResolvedTarget(TargetDescription Description, TargetOrigin Origin, string Reason, bool RequiresFullyStatic = false)
{
    /// <summary>Needing more than .NET's floor is a warning (SL2005); on any other target it is an error.</summary>
    public bool IsFloor => Description.Kind == TargetKind.Floor;
}
