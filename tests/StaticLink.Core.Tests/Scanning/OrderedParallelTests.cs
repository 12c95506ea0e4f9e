using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticLink.Core.Scanning;

namespace StaticLink.Core.Tests.Scanning;

/// <summary>
/// The map behind every scan and inspect: results in input order whatever thread mapped them, the source read on the
/// caller's thread only, a bounded number of items ahead of the consumer, an exception at its own item, and no thread
/// left mapping when the caller stops early.
/// </summary>
public sealed class OrderedParallelTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void Results_come_back_in_input_order(int parallelism)
    {
        // Uneven work, so that later items often finish first.
        var results = OrderedParallel.Map(Enumerable.Range(0, 2000), number =>
        {
            if (number % 7 == 0)
            {
                Thread.SpinWait(20_000);
            }

            return number * 2;
        }, parallelism, window: 16).ToList();

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 2000).Select(number => number * 2)));
    }

    [Test]
    public void Work_is_shared_between_threads()
    {
        var threads = new HashSet<int>();
        var count = OrderedParallel.Map(Enumerable.Range(0, 400), number =>
        {
            lock (threads)
            {
                threads.Add(Environment.CurrentManagedThreadId);
            }

            Thread.Sleep(1);
            return number;
        }, parallelism: 3).Count();

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(400));
            Assert.That(threads, Has.Count.GreaterThan(1), "every item was mapped on one thread");
        });
    }

    [Test]
    public void The_source_is_enumerated_on_the_callers_thread_only()
    {
        var caller = Environment.CurrentManagedThreadId;
        var enumeratedOn = new HashSet<int>();
        IEnumerable<int> Source()
        {
            for (var number = 0; number < 500; number++)
            {
                enumeratedOn.Add(Environment.CurrentManagedThreadId);
                yield return number;
            }
        }

        var count = OrderedParallel.Map(Source(), number => number + 1, parallelism: 2).Count();

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(500));
            Assert.That(enumeratedOn, Is.EquivalentTo(new[] { caller }));
        });
    }

    [Test]
    public void No_more_than_the_window_is_mapped_ahead_of_the_consumer()
    {
        const int Window = 8;
        var mapped = 0;
        var mostAhead = 0;
        var consumed = 0;
        foreach (var number in OrderedParallel.Map(Enumerable.Range(0, 300), number =>
        {
            Interlocked.Increment(ref mapped);
            return number;
        }, parallelism: 2, window: Window))
        {
            // A slow consumer: the workers would run far ahead if nothing held them back.
            Thread.Sleep(number % 50 == 0 ? 20 : 0);
            mostAhead = Math.Max(mostAhead, Volatile.Read(ref mapped) - consumed);
            consumed++;
        }

        Assert.That(mostAhead, Is.LessThanOrEqualTo(Window));
    }

    [Test]
    public void An_exception_reaches_the_caller_at_its_own_item()
    {
        var seen = new List<int>();
        var exception = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var number in OrderedParallel.Map(Enumerable.Range(0, 100), number =>
                number == 42 ? throw new InvalidOperationException("item 42") : number, parallelism: 2))
            {
                seen.Add(number);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Is.EqualTo("item 42"));
            Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 42)), "every item before the failing one, in order, and none after");
        });
    }

    [Test]
    public void Stopping_early_leaves_no_thread_mapping()
    {
        var mapped = 0;
        var first = OrderedParallel.Map(Enumerable.Range(0, 100_000), number =>
        {
            Interlocked.Increment(ref mapped);
            Thread.Sleep(1);
            return number;
        }, parallelism: 2, window: 4).Take(10).ToList();

        Thread.Sleep(200);
        var afterStop = Volatile.Read(ref mapped);
        Thread.Sleep(300);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Enumerable.Range(0, 10)));
            Assert.That(Volatile.Read(ref mapped), Is.EqualTo(afterStop), "a worker went on mapping after the caller stopped");
            Assert.That(afterStop, Is.LessThanOrEqualTo(10 + 4 + 2), "more was mapped than the window allows");
        });
    }

    [Test]
    public void An_empty_source_gives_nothing()
    {
        Assert.That(OrderedParallel.Map(Array.Empty<int>(), number => number, parallelism: 2), Is.Empty);
    }
}
