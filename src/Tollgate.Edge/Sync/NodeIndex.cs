using System.Text.Json;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sync;

/// <summary>One tenant's assignment in the node index (see docs/sync-protocol.md).</summary>
public sealed record NodeIndexEntry(string TenantId, string Revision, string Sha256, string Url, string? Entrypoint, bool? FailOpen, IReadOnlyList<SmokeCase> Smoke);

/// <summary>The control plane's answer to GET /v1/nodes/{id}/index.</summary>
public sealed record NodeIndex(string Revision, IReadOnlyList<NodeIndexEntry> Tenants)
{
    public static NodeIndex Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the node index must be a JSON object");
        }
        var revision = root.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        var tenants = new List<NodeIndexEntry>();
        if (root.TryGetProperty("tenants", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("\"tenants\" must be an array");
            }
            foreach (var item in list.EnumerateArray())
            {
                var tenantId = Required(item, "tenant_id");
                var sha = Required(item, "sha256").ToLowerInvariant();
                if (sha.Length != 64)
                {
                    throw new FormatException($"tenant '{tenantId}': sha256 must be 64 hex digits");
                }
                string? entrypoint = item.TryGetProperty("entrypoint", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()!.Trim('/') : null;
                bool? failOpen = item.TryGetProperty("fail_open", out var f) && (f.ValueKind == JsonValueKind.True || f.ValueKind == JsonValueKind.False) ? f.GetBoolean() : null;
                var smoke = item.TryGetProperty("smoke", out var s) ? SmokeCase.FromElement(s) : [];
                tenants.Add(new NodeIndexEntry(tenantId, Required(item, "revision"), sha, Required(item, "url"), entrypoint, failOpen, smoke));
            }
        }
        return new NodeIndex(revision, tenants);
    }

    private static string Required(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"every tenant entry needs a string \"{name}\"");
}
