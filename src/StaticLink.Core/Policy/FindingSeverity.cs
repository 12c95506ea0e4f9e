namespace StaticLink.Core.Policy;

/// <summary>SL1xxx codes are errors by default, SL2xxx warnings, SL3xxx information.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}
