using Tollgate.Runtime.Instances;

namespace Tollgate.Runtime.Tests;

/// <summary>The pool's admission gate: never more holders than permits, no permit lost, cancelled waits hold none.</summary>
public class InstanceGateTests
{
    [Fact]
    public void Permits_are_taken_and_given_back()
    {
        var gate = new InstanceGate(2);
        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        gate.Release();
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
    }

    [Fact]
    public async Task A_waiter_gets_the_released_permit()
    {
        var gate = new InstanceGate(1);
        gate.Wait();
        var waiter = gate.WaitAsync(CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(waiter.IsCompleted);
        gate.Release();
        await waiter.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(gate.TryEnter());
    }

    [Fact]
    public async Task A_cancelled_wait_holds_no_permit_and_loses_none()
    {
        var gate = new InstanceGate(1);
        gate.Wait();
        using var cts = new CancellationTokenSource();
        var waiter = gate.WaitAsync(cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        gate.Release();
        // Exactly one permit: one caller gets in, the next does not.
        gate.Wait();
        Assert.False(gate.TryEnter());
        var blocked = gate.WaitAsync(CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(blocked.IsCompleted);
        gate.Release();
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Contended_callers_never_exceed_the_permits()
    {
        const int permits = 2;
        var gate = new InstanceGate(permits);
        int inside = 0, most = 0, entered = 0;
        var workers = new Task[6];
        for (int w = 0; w < workers.Length; w++)
        {
            int id = w;
            workers[w] = Task.Run(async () =>
            {
                var random = new Random(id);
                for (int i = 0; i < 2000; i++)
                {
                    using var cts = new CancellationTokenSource();
                    if (random.Next(8) == 0)
                    {
                        cts.CancelAfter(TimeSpan.FromTicks(random.Next(1, 2000)));
                    }
                    try
                    {
                        if ((i & 1) == 0)
                        {
                            gate.Wait();
                        }
                        else
                        {
                            await gate.WaitAsync(cts.Token);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        continue;
                    }
                    int now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);
                    Interlocked.Increment(ref entered);
                    if (random.Next(4) == 0)
                    {
                        Thread.SpinWait(200);
                    }
                    Interlocked.Decrement(ref inside);
                    gate.Release();
                }
            });
        }
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.InRange(most, 1, permits);
        Assert.True(entered > 0);
        // Every permit is still there (some possibly parked with the waiters' semaphore).
        for (int i = 0; i < permits; i++)
        {
            await gate.WaitAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        Assert.False(gate.TryEnter());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }
}
