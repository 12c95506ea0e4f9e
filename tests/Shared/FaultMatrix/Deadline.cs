using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace StaticLink.Tests.Shared;

/// <summary>
/// Runs a check on another thread with a limit, so that a check that blocks (a FIFO opened for reading waits for a
/// writer forever) fails its own test instead of hanging the whole test run.
/// </summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static (T Result, TimeSpan Elapsed) Run<T>(string what, Func<T> action, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var work = Task.Run(action);
        bool finished;
        try
        {
            finished = work.Wait(limit);
        }
        catch (AggregateException exception)
        {
            // A check must turn every bad file into a finding; an escaping exception is the bug under test.
            Assert.Fail($"{what} threw instead of reporting: {exception.InnerException}");
            throw;
        }

        Assert.That(finished, Is.True, $"{what} did not finish within {limit.TotalSeconds} s: it hangs");
        return (work.Result, watch.Elapsed);
    }
}
