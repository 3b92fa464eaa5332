using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Tests.Support;

/// <summary>The seed's RBAC template and tenant data (linked from the demo), and tenant/revision fixtures.</summary>
public static class Seed
{
    public static string Template { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", "basic-rbac.rego"));

    public static string TenantData { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", "tenant-data.json"));

    public static readonly string[] Entrypoints = ["tenant/authz/allow", "tenant/authz/decision"];

    public static TenantRecord Tenant(string id, BuildMode mode = BuildMode.Substitution, string template = "basic-rbac", string status = "active") =>
        new(id, status, template, null, mode, [], (JsonObject)JsonNode.Parse(TenantData)!, [], DateTimeOffset.UtcNow);

    public static RevisionRecord Revision(string tenant, int number, string? sha = null) =>
        new(tenant, number, sha ?? Sha(tenant, number), Sha("wasm", number), "basic-rbac", 1, "tenant/authz/allow", 1234, "test", DateTimeOffset.UtcNow);

    /// <summary>A distinct, well-formed fake sha256 for store tests (they never read artifacts).</summary>
    public static string Sha(string tenant, int number) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenant}@{number}")));
}
