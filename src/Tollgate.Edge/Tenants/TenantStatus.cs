namespace Tollgate.Edge.Tenants;

public enum TenantState
{
    /// <summary>Assigned, nothing has been activated yet.</summary>
    Pending,
    Active,
    /// <summary>The expected revision failed; an older revision may still serve.</summary>
    Failed,
}

/// <summary>What /status and the control plane see of one tenant (immutable snapshot).</summary>
public sealed record TenantStatus(
    string TenantId,
    TenantState State,
    string? ActiveRevision,
    string? ExpectedRevision,
    string? ModuleSha256,
    string? Error,
    DateTimeOffset UpdatedAt);
