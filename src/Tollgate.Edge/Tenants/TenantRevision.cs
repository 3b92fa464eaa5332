namespace Tollgate.Edge.Tenants;

/// <summary>
/// An active (or retiring) revision of one tenant. Reference counted: the registry holds one lease while the
/// revision is current and every request holds one for its whole evaluation, so a swap never disposes
/// instances under a running request and a request never sees a half-swapped state.
/// </summary>
public sealed class TenantRevision
{
    private int _leases = 1; // the registry's own lease

    public TenantRevision(TenantArtifact artifact, ITenantPolicy policy, string decisionEntrypoint, bool failOpen, DateTimeOffset activatedAt)
    {
        Artifact = artifact;
        Policy = policy;
        DecisionEntrypoint = decisionEntrypoint;
        FailOpen = failOpen;
        ActivatedAt = activatedAt;
    }

    public TenantArtifact Artifact { get; }
    public string TenantId => Artifact.TenantId;
    public string RevisionId => Artifact.Revision;
    public string ModuleSha256 => Policy.ModuleSha256;
    public ITenantPolicy Policy { get; }
    public string DecisionEntrypoint { get; }
    public bool FailOpen { get; }
    public IReadOnlyList<SmokeCase> Smoke => Artifact.Smoke;
    public DateTimeOffset ActivatedAt { get; }

    public bool IsRetired => Volatile.Read(ref _leases) == 0;

    /// <summary>Takes a lease unless the revision has already been fully released.</summary>
    internal bool TryAcquire()
    {
        var current = Volatile.Read(ref _leases);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _leases, current + 1, current);
            if (seen == current)
            {
                return true;
            }
            current = seen;
        }
        return false;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            Policy.Dispose();
        }
    }
}

/// <summary>A request's hold on one revision; dispose it when the evaluation is done.</summary>
public readonly struct RevisionLease : IDisposable
{
    internal RevisionLease(TenantRevision revision) => Revision = revision;

    public TenantRevision? Revision { get; }

    public void Dispose() => Revision?.Release();
}
