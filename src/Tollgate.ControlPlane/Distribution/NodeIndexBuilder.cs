using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Distribution;

/// <summary>
/// Builds a node's index (docs/sync-protocol.md): tenant → revision, sha256, artifact URL, entrypoint, smoke
/// cases. Its ETag is the sha256 of its canonical content, so an unchanged assignment set answers 304.
/// </summary>
public static class NodeIndexBuilder
{
    public static (string ETag, byte[] Json) Build(IControlPlaneStore store, string nodeId)
    {
        var tenants = new JsonArray();
        foreach (var a in store.AssignmentsFor(nodeId))
        {
            tenants.Add(new JsonObject
            {
                ["tenant_id"] = a.TenantId,
                ["revision"] = a.Revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["sha256"] = a.Revision.Sha256,
                ["url"] = $"/v1/artifacts/{a.Revision.Sha256}",
                ["entrypoint"] = a.Revision.Entrypoint,
                ["smoke"] = a.Smoke.DeepClone(),
                ["canary"] = a.Canary,
            });
        }
        var body = tenants.ToJsonString();
        var etag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32];
        var json = new JsonObject { ["revision"] = etag, ["tenants"] = JsonNode.Parse(body) };
        return (etag, Encoding.UTF8.GetBytes(json.ToJsonString()));
    }
}
