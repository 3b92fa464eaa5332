using System.Collections.Concurrent;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// Tenant id → active revision. Each tenant has a slot whose current revision is replaced with one atomic
/// exchange; readers take a lease (see <see cref="TenantRevision"/>) so the instances they evaluate on stay
/// alive until they finish. A tenant's requests only ever reach the revision in its own slot.
/// </summary>
public sealed class TenantRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, TenantSlot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public TenantRegistry(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Number of tenants with an active revision.</summary>
    public int ActiveCount
    {
        get
        {
            var n = 0;
            foreach (var slot in _slots.Values)
            {
                if (Volatile.Read(ref slot.Current) is not null)
                {
                    n++;
                }
            }
            return n;
        }
    }

    /// <summary>Leases the current revision of <paramref name="tenantId"/>; the lease's revision is null for an unknown tenant.</summary>
    public RevisionLease Acquire(string tenantId)
    {
        if (!_slots.TryGetValue(tenantId, out var slot))
        {
            return default;
        }
        while (true)
        {
            var revision = Volatile.Read(ref slot.Current);
            if (revision is null)
            {
                return default;
            }
            if (revision.TryAcquire())
            {
                return new RevisionLease(revision);
            }
            // Lost a race with a swap that released this revision: the slot already holds its successor.
        }
    }

    public TenantRevision? Peek(string tenantId) =>
        _slots.TryGetValue(tenantId, out var slot) ? Volatile.Read(ref slot.Current) : null;

    /// <summary>The artifact that was active before the current one (what a rollback returns to).</summary>
    public TenantArtifact? PreviousArtifact(string tenantId) =>
        _slots.TryGetValue(tenantId, out var slot) ? slot.Previous : null;

    /// <summary>Marks a tenant as assigned to this node and expecting <paramref name="revision"/> (for readiness).</summary>
    public void Expect(string tenantId, string revision)
    {
        var slot = _slots.GetOrAdd(tenantId, static id => new TenantSlot(id));
        lock (slot)
        {
            slot.Expected = revision;
            var current = Volatile.Read(ref slot.Current);
            var state = current is not null && current.RevisionId == revision ? TenantState.Active : slot.Status?.State == TenantState.Failed && slot.Status.ExpectedRevision == revision ? TenantState.Failed : TenantState.Pending;
            slot.Status = new TenantStatus(tenantId, state, current?.RevisionId, revision, current?.ModuleSha256, state == TenantState.Failed ? slot.Status?.Error : null, _time.GetUtcNow());
        }
    }

    /// <summary>Makes <paramref name="next"/> the tenant's current revision; returns the one it replaced (already released).</summary>
    public TenantRevision? Activate(TenantRevision next)
    {
        var slot = _slots.GetOrAdd(next.TenantId, static id => new TenantSlot(id));
        TenantRevision? previous;
        lock (slot)
        {
            previous = Interlocked.Exchange(ref slot.Current, next);
            if (previous is not null && previous.RevisionId != next.RevisionId)
            {
                slot.Previous = previous.Artifact;
            }
            slot.Expected ??= next.RevisionId;
            var state = slot.Expected == next.RevisionId ? TenantState.Active : TenantState.Pending;
            slot.Status = new TenantStatus(next.TenantId, state, next.RevisionId, slot.Expected, next.ModuleSha256, null, _time.GetUtcNow());
        }
        previous?.Release();
        return previous;
    }

    /// <summary>Records that <paramref name="revision"/> could not be activated; the current revision keeps serving.</summary>
    public void ReportFailure(string tenantId, string revision, string error)
    {
        var slot = _slots.GetOrAdd(tenantId, static id => new TenantSlot(id));
        lock (slot)
        {
            var current = Volatile.Read(ref slot.Current);
            slot.Expected = revision;
            slot.Status = new TenantStatus(tenantId, TenantState.Failed, current?.RevisionId, revision, current?.ModuleSha256, error, _time.GetUtcNow());
        }
    }

    /// <summary>Unassigns a tenant: later requests are denied as unknown; running ones finish on their lease.</summary>
    public bool Remove(string tenantId)
    {
        if (!_slots.TryRemove(tenantId, out var slot))
        {
            return false;
        }
        Interlocked.Exchange(ref slot.Current, null)?.Release();
        return true;
    }

    public IReadOnlyList<string> TenantIds()
    {
        var ids = new List<string>(_slots.Count);
        foreach (var key in _slots.Keys)
        {
            ids.Add(key);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    public TenantStatus? Status(string tenantId) =>
        _slots.TryGetValue(tenantId, out var slot) ? slot.Status : null;

    public IReadOnlyList<TenantStatus> Statuses()
    {
        var list = new List<TenantStatus>(_slots.Count);
        foreach (var slot in _slots.Values)
        {
            var status = slot.Status;
            if (status is not null)
            {
                list.Add(status);
            }
        }
        list.Sort(static (a, b) => string.CompareOrdinal(a.TenantId, b.TenantId));
        return list;
    }

    /// <summary>Ready = every assigned tenant is active at the revision it is expected to run.</summary>
    public bool IsReady(out string? firstNotReady)
    {
        foreach (var slot in _slots.Values)
        {
            var current = Volatile.Read(ref slot.Current);
            if (current is null || (slot.Expected is not null && current.RevisionId != slot.Expected))
            {
                firstNotReady = slot.TenantId;
                return false;
            }
        }
        firstNotReady = null;
        return true;
    }

    public void Dispose()
    {
        foreach (var id in _slots.Keys)
        {
            Remove(id);
        }
    }

    private sealed class TenantSlot(string tenantId)
    {
        public readonly string TenantId = tenantId;
        public TenantRevision? Current;
        public TenantArtifact? Previous;
        public string? Expected;
        public TenantStatus? Status;
    }
}
