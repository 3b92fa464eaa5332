namespace Tollgate.Runtime.Instances;

/// <summary>
/// Idle instances of a pool, one slot per possible instance, taken and returned with interlocked exchanges.
/// Lock-free and, unlike ConcurrentStack, allocation-free per operation (a stack allocates a node per push).
/// Scanning is linear, which is cheap because pools are as small as the core count.
/// </summary>
internal sealed class IdleInstanceSlots
{
    private readonly PolicyInstance?[] _slots;

    public IdleInstanceSlots(int capacity) => _slots = new PolicyInstance?[capacity];

    public bool TryTake(out PolicyInstance instance)
    {
        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) is not null && Interlocked.Exchange(ref slots[i], null) is { } taken)
            {
                instance = taken;
                return true;
            }
        }
        instance = null!;
        return false;
    }

    /// <summary>Stores an idle instance; false if every slot is full (cannot happen while the pool's gate holds).</summary>
    public bool TryAdd(PolicyInstance instance)
    {
        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) is null && Interlocked.CompareExchange(ref slots[i], instance, null) is null)
            {
                return true;
            }
        }
        return false;
    }
}
