using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Storage;

/// <summary>How a tenant's module is built from its template.</summary>
public enum BuildMode
{
    /// <summary>One module per template version; tenants differ only in data (edges compile it once).</summary>
    Shared,
    /// <summary>The seed's way: <c>{{TENANT_ID}}</c> and <c>{{param}}</c> substituted into the source; one module per tenant.</summary>
    Substitution,
}

public sealed record TemplateRecord(string Name, int Version, string Source, IReadOnlyList<string> Entrypoints, DateTimeOffset Created);

public sealed record LibraryRecord(string Name, string Source, DateTimeOffset Updated);

public sealed record TenantRecord(
    string Id,
    string Status,
    string Template,
    int? TemplateVersion,
    BuildMode Mode,
    JsonObject Parameters,
    JsonObject Data,
    JsonArray Smoke,
    DateTimeOffset Updated)
{
    public bool IsActive => Status == "active";
}

/// <summary>
/// An immutable build of one tenant's policy: the bundle is stored under <see cref="Sha256"/>; <see cref="Smoke"/>
/// holds the smoke cases it was published with (null for revisions older than schema step 3).
/// </summary>
public sealed record RevisionRecord(
    string TenantId,
    int Number,
    string Sha256,
    string WasmSha256,
    string Template,
    int TemplateVersion,
    string Entrypoint,
    long SizeBytes,
    string CreatedBy,
    DateTimeOffset Created,
    JsonArray? Smoke = null);

/// <summary>What a node should run for one tenant.</summary>
public sealed record Assignment(string TenantId, RevisionRecord Revision, JsonArray Smoke, bool Canary);

public sealed record NodeRecord(string Id, DateTimeOffset LastSeen, JsonObject? Status);

public sealed record AuditRecord(long Id, string Actor, string Action, string Detail, DateTimeOffset At);
