namespace Tollgate.Runtime.Instances;

/// <summary>
/// The pool's admission gate: at most N callers hold it at once. Uncontended entry and exit are one interlocked
/// operation each on a free-permit count (a SemaphoreSlim takes its internal lock on both, ~40 ns a call);
/// callers that find no free permit wait on a semaphore, and a releaser that sees waiters hands its permit to
/// the semaphore instead of the count.
/// <para>
/// Every permit is in exactly one place: held by a caller, in <c>_free</c>, or in the semaphore's count. A waiter
/// announces itself in <c>_waiting</c> before its last look at <c>_free</c>, and a releaser looks at
/// <c>_waiting</c> after putting its permit back (both interlocked, so full fences): either the waiter sees the
/// permit or the releaser sees the waiter and moves a free permit to the semaphore. A waiter that gives up
/// (cancellation) owns nothing; a permit handed to the semaphore for it stays there, and the next caller that
/// finds no free permit takes it from there.
/// </para>
/// </summary>
internal sealed class InstanceGate
{
    private readonly SemaphoreSlim _handoff = new(0, int.MaxValue);
    private int _free;
    private int _waiting;

    public InstanceGate(int permits) => _free = permits;

    /// <summary>Takes a free permit if there is one, without waiting.</summary>
    public bool TryEnter()
    {
        int free = Volatile.Read(ref _free);
        while (free > 0)
        {
            int seen = Interlocked.CompareExchange(ref _free, free - 1, free);
            if (seen == free)
            {
                return true;
            }
            free = seen;
        }
        return false;
    }

    /// <summary>Waits for a permit.</summary>
    public void Wait()
    {
        if (TryEnter())
        {
            return;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!TryEnter())
            {
                _handoff.Wait();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Waits asynchronously for a permit; a cancelled wait holds none.</summary>
    public async ValueTask WaitAsync(CancellationToken ct)
    {
        if (TryEnter())
        {
            return;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!TryEnter())
            {
                await _handoff.WaitAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Gives a permit back: to a waiter if there is one, else to the free count.</summary>
    public void Release()
    {
        if (Volatile.Read(ref _waiting) > 0)
        {
            _handoff.Release();
            return;
        }
        Interlocked.Increment(ref _free);
        // A caller may have started waiting after the first look and before the increment: move the permit on.
        if (Volatile.Read(ref _waiting) > 0 && TryEnter())
        {
            _handoff.Release();
        }
    }
}
