using System.CommandLine;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary><c>tollgate status</c> (which node runs which revision, how far behind) and <c>tollgate audit</c>.</summary>
internal static class StatusCommands
{
    public static Command Status()
    {
        return ClientCommand.Create("status", "Which node runs which revision of which tenant, and how far behind it is.", "status", [], async (c, ct) =>
        {
            var answer = await c.Client.GetAsync("/v1/status", ct);
            if (c.Json)
            {
                await c.WriteJsonAsync(answer);
                return 0;
            }
            var nodes = answer?["nodes"] as JsonArray ?? [];
            var assigned = (answer?["assignments"] as JsonObject)?.Count ?? 0;
            await c.Out.WriteLineAsync($"{nodes.Count} node(s), {assigned} tenant(s) with a published revision");
            if (nodes.Count == 0) return 0;
            var summary = new TextTable("NODE", "LAST SEEN", "ASSIGNED", "BEHIND", "FAILED");
            var detail = new TextTable("NODE", "TENANT", "ACTIVE", "EXPECTED", "BEHIND", "STATE", "ERROR");
            foreach (var n in nodes)
            {
                var node = TextTable.Cell(n?["node_id"]);
                summary.Add(node, TenantCommands.ShortTime(n?["last_seen"]), TextTable.Cell(n?["assigned_tenants"]), TextTable.Cell(n?["tenants_behind"]), TextTable.Cell(n?["tenants_failed"]));
                foreach (var t in n?["tenants"] as JsonArray ?? [])
                {
                    detail.Add(node, TextTable.Cell(t?["tenant_id"]), TextTable.Cell(t?["active_revision"]), TextTable.Cell(t?["expected_revision"]),
                        TextTable.Cell(t?["revisions_behind"]), TextTable.Cell(t?["state"]), t?["error"] is null ? null : TextTable.Cell(t["error"]));
                }
            }
            await c.Out.WriteLineAsync();
            await summary.WriteAsync(c.Out);
            if (detail.Count > 0)
            {
                await c.Out.WriteLineAsync();
                await detail.WriteAsync(c.Out);
            }
            return 0;
        });
    }

    public static Command Audit()
    {
        return ClientCommand.Create("audit", "The audit log, newest first: who did what.", "audit", [], async (c, ct) =>
        {
            var answer = await c.Client.GetAsync("/v1/audit", ct);
            if (c.Json)
            {
                await c.WriteJsonAsync(answer);
                return 0;
            }
            var table = new TextTable("ID", "AT", "ACTOR", "ACTION", "DETAIL");
            foreach (var a in answer as JsonArray ?? [])
            {
                table.Add(TextTable.Cell(a?["id"]), TenantCommands.ShortTime(a?["at"]), TextTable.Cell(a?["actor"]), TextTable.Cell(a?["action"]), TextTable.Cell(a?["detail"]));
            }
            await table.WriteAsync(c.Out);
            return 0;
        });
    }
}
