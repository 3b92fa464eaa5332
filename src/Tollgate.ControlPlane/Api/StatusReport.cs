using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Api;

/// <summary>Which node runs which revision of each tenant, and how far behind the assignment it is.</summary>
internal static class StatusReport
{
    public static JsonObject Build(IControlPlaneStore store)
    {
        var global = store.GlobalAssignments();
        var nodes = new JsonArray();
        foreach (var node in store.ListNodes())
        {
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var a in store.AssignmentsFor(node.Id)) expected[a.TenantId] = a.Revision.Number;
            var tenants = new JsonArray();
            var behind = 0;
            var failed = 0;
            if (node.Status?["tenants"] is JsonArray reported)
            {
                foreach (var t in reported)
                {
                    var id = t?["tenant_id"]?.GetValue<string>() ?? "";
                    var active = t?["active_revision"]?.GetValue<string>() ?? t?["revision"]?.GetValue<string>();
                    var state = t?["state"]?.GetValue<string>() ?? "unknown";
                    expected.TryGetValue(id, out var want);
                    var lag = int.TryParse(active, out var have) && want > 0 ? want - have : (int?)null;
                    if (lag is > 0) behind++;
                    if (state == "failed") failed++;
                    tenants.Add(new JsonObject { ["tenant_id"] = id, ["active_revision"] = active, ["expected_revision"] = want, ["revisions_behind"] = lag, ["state"] = state, ["error"] = t?["error"]?.DeepClone() });
                }
            }
            nodes.Add(new JsonObject
            {
                ["node_id"] = node.Id,
                ["last_seen"] = node.LastSeen,
                ["assigned_tenants"] = expected.Count,
                ["tenants_behind"] = behind,
                ["tenants_failed"] = failed,
                ["tenants"] = tenants,
            });
        }
        var assignments = new JsonObject();
        foreach (var (t, r) in global) assignments[t] = r;
        return new JsonObject { ["nodes"] = nodes, ["assignments"] = assignments };
    }
}
