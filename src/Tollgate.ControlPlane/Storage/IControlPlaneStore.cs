namespace Tollgate.ControlPlane.Storage;

/// <summary>
/// Durable state of the control plane. Revisions are immutable; a publish records every new revision and
/// moves every assignment in one transaction, so a crash leaves each tenant on a complete revision.
/// </summary>
public interface IControlPlaneStore : IDisposable
{
    /// <summary>The schema version after migrating (the number of migration steps applied so far, ever).</summary>
    int SchemaVersion { get; }

    TemplateRecord PutTemplate(string name, string source, IReadOnlyList<string> entrypoints);
    TemplateRecord? GetTemplate(string name, int? version = null);
    IReadOnlyList<TemplateRecord> ListTemplates();

    void PutLibrary(string name, string source);
    IReadOnlyList<LibraryRecord> ListLibraries();

    void PutTenant(TenantRecord tenant);
    TenantRecord? GetTenant(string id);
    IReadOnlyList<TenantRecord> ListTenants();
    bool SetTenantStatus(string id, string status);

    int NextRevisionNumber(string tenantId);
    IReadOnlyList<RevisionRecord> ListRevisions(string tenantId);
    RevisionRecord? GetRevision(string tenantId, int number);

    /// <summary>Records the revisions and assigns them — to every node, or only to <paramref name="canaryNodes"/> — atomically.</summary>
    void Publish(IReadOnlyList<RevisionRecord> revisions, IReadOnlyList<string>? canaryNodes, string actor);
    /// <summary>Makes a tenant's canary revision its global one.</summary>
    bool Promote(string tenantId, string actor);
    /// <summary>Assigns an earlier revision to every node (canaries cleared).</summary>
    bool Rollback(string tenantId, int revision, string actor);

    /// <summary>The assignments of one node: global ones overridden by its canaries. Suspended tenants are left out.</summary>
    IReadOnlyList<Assignment> AssignmentsFor(string nodeId);
    /// <summary>Global revision per tenant (tenant id → revision number).</summary>
    IReadOnlyDictionary<string, int> GlobalAssignments();

    void RecordNode(string nodeId, string? statusJson);
    IReadOnlyList<NodeRecord> ListNodes();

    void Audit(string actor, string action, string detail);
    IReadOnlyList<AuditRecord> ListAudit(int limit = 200);
}
