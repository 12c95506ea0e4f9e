using System;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>What one guarded read ended in: facts, the reader's own exception, any other exception, or a hang.</summary>
internal sealed record GuardedReadOutcome(ElfFile? File, ElfFormatException? FormatError, Exception? OtherError, bool TimedOut, long AllocatedBytes)
{
    /// <summary>Null when the outcome is one the reader's contract allows (facts or ElfFormatException); else why not.</summary>
    public string? ContractViolation =>
        TimedOut ? $"did not finish within {GuardedRead.Deadline.TotalSeconds:0} s"
        : OtherError != null ? $"threw {OtherError.GetType().FullName}: {OtherError.Message}\n{OtherError.StackTrace}"
        : FormatError != null && string.IsNullOrWhiteSpace(FormatError.Reason) ? "ElfFormatException without a reason"
        : FormatError is { Offset: < 0 } ? $"ElfFormatException with a negative offset {FormatError.Offset}"
        : null;

    public override string ToString() =>
        ContractViolation ?? (FormatError != null ? $"ElfFormatException at 0x{FormatError.Offset:x}: {FormatError.Reason}" : "read");
}
