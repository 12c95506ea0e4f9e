namespace StaticLink.Core.Targets;

/// <summary>Placeholder until the capture of root filesystems lands (branch targets-data).</summary>
public static class TargetCapture
{
    public static TargetDescription Capture(string root, string id, TargetKind kind) =>
        throw new TargetFileException($"reading the root filesystem '{root}' as target {id} ({kind}) is not available in this build");
}
