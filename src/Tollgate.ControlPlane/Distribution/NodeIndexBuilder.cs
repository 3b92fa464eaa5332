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
        var body = Encoding.UTF8.GetBytes(tenants.ToJsonString());
        var etag = Convert.ToHexStringLower(SHA256.HashData(body))[..32];
        // {"revision":"<etag>","tenants":<body>} without parsing the body back.
        var head = Encoding.UTF8.GetBytes($"{{\"revision\":\"{etag}\",\"tenants\":");
        var json = new byte[head.Length + body.Length + 1];
        head.CopyTo(json, 0);
        body.CopyTo(json, head.Length);
        json[^1] = (byte)'}';
        return (etag, json);
    }
}
