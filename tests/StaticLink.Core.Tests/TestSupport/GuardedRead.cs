using System;
using System.Threading;
using System.Threading.Tasks;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Runs the reader on bytes that may be hostile: on a worker thread with a deadline (a hang is a failure, not a stuck
/// test run), classifying the outcome and measuring what the read allocated.
/// </summary>
internal static class GuardedRead
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static GuardedReadOutcome Run(byte[] bytes) => Run(() => ElfReader.Read(bytes));

    public static GuardedReadOutcome Run(Func<ElfFile> read)
    {
        long allocated = 0;
        var task = Task.Factory.StartNew(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var file = read();

                    // Touch every property: a lazily computed one that throws is as bad as a throwing read.
                    _ = ElfFacts.Describe(file);
                    return (file, (Exception?)null);
                }
                catch (Exception exception)
                {
                    return ((ElfFile?)null, exception);
                }
                finally
                {
                    Interlocked.Exchange(ref allocated, GC.GetAllocatedBytesForCurrentThread() - before);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
        if (!task.Wait(Deadline))
        {
            return new GuardedReadOutcome(null, null, null, TimedOut: true, AllocatedBytes: 0);
        }

        var (result, error) = task.Result;
        return error switch
        {
            null => new GuardedReadOutcome(result, null, null, false, Interlocked.Read(ref allocated)),
            ElfFormatException format => new GuardedReadOutcome(null, format, null, false, Interlocked.Read(ref allocated)),
            _ => new GuardedReadOutcome(null, null, error, false, Interlocked.Read(ref allocated)),
        };
    }
}
