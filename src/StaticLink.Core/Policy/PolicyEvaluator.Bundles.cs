using StaticLink.Core.Scanning;

namespace StaticLink.Core.Policy;

/// <summary>Single-file bundles: a host whose bundle cannot be read, and embedded files that are not sound ELF.</summary>
public sealed partial class PolicyEvaluator
{
    private static Finding UnreadableBundle(ScannedFile host)
    {
        var offset = host.BundleErrorOffset is { } value ? " at offset " + Hex(value) : string.Empty;
        var fix = new FindingFix(FixStep.IgnoreFile(
            $"Publish {host.FileName} again (the .NET host refuses a damaged bundle at start-up), or leave it out of the check with ", host.RelativePath));
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            host.RelativePath,
            $"{host.RelativePath} is a .NET single-file bundle whose contents could not be read{offset}. The reader says: {host.BundleError}. "
            + "The native libraries it embeds cannot be checked.",
            null,
            "bundle reader",
            fix);
    }

    private static Finding UnreadableEmbedded(ScannedFile file)
    {
        var offset = file.ErrorOffset is { } value ? " at offset " + Hex(value) + " of the embedded file" : string.Empty;
        var fix = new FindingFix(FixStep.IgnoreFile(
            $"Publish {file.Container} again with a complete build of {file.FileName}, or leave it out of the check with ", file.RelativePath));
        return new Finding(
            DiagnosticCodes.UnreadableFile,
            FindingSeverity.Error,
            file.RelativePath,
            $"{file.RelativePath} could not be read as an ELF file{offset}. It is embedded in the single-file bundle {file.Container} and extracted at start-up; "
            + $"the reader says: {file.Error}.",
            null,
            "ELF reader",
            fix);
    }
}
