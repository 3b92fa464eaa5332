using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary><c>tollgate publish</c>, <c>promote</c> and <c>rollback</c>: revisions and where they are assigned.</summary>
internal static class PublishCommands
{
    public static Command Publish()
    {
        var tenants = new Option<string[]>("--tenant") { Description = "Tenant to build and publish (repeatable)." };
        var all = new Option<bool>("--all") { Description = "Every active tenant." };
        var canary = new Option<string?>("--canary") { Description = "N: assign the new revisions to the first N nodes only (then `tollgate promote`)." };
        const string usage = "publish (--tenant T ... | --all) [--canary N]";
        return ClientCommand.Create("publish", "Build tenants into new revisions and assign them to every node (or N canary nodes).", usage,
            [tenants, all, canary], async (c, ct) =>
            {
                var ids = c.Value(tenants) ?? [];
                var everyone = c.Value(all);
                if (ids.Length > 0 && everyone) throw new UsageException("give --tenant T (one or more) or --all, not both");
                if (ids.Length == 0 && !everyone) throw new UsageException("which tenants? give --tenant T (one or more) or --all");
                var request = new JsonObject();
                if (everyone) request["all"] = true;
                else request["tenants"] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]);
                var canaryNodes = ClientContext.Int(c.Value(canary), "--canary");
                if (canaryNodes > 0) request["canary"] = canaryNodes;

                var clock = Stopwatch.StartNew();
                var progress = c.Json ? null : new PublishProgress(c.Out, c.IsTerminal);
                JsonObject answer;
                try
                {
                    answer = await c.Client.PublishAsync(request, progress is null ? null : progress.Report, progress is null ? null : progress.ReportStored, ct);
                }
                finally
                {
                    progress?.Finish();
                }
                var revisions = answer["revisions"] as JsonArray ?? [];
                var failures = answer["failures"] as JsonArray ?? [];
                if (c.Json)
                {
                    await c.WriteJsonAsync(answer);
                }
                else
                {
                    await WriteSummaryAsync(c.Out, revisions, failures, canaryNodes, answer["elapsed_ms"], clock.Elapsed);
                }
                // Partial success still made revisions, but the operator (or a script) must notice the failures.
                return failures.Count > 0 ? 1 : 0;
            });
    }

    public static Command Promote()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Tenant whose canary revision goes to every node." };
        return ClientCommand.Create("promote", "Promote a tenant's canary revision to every node.", "promote --tenant T", [tenant], async (c, ct) =>
        {
            var id = c.Value(tenant) is { Length: > 0 } t ? t : throw new UsageException("--tenant is required");
            var answer = await c.Client.PostAsync($"/v1/tenants/{Uri.EscapeDataString(id)}/promote", null, ct);
            if (c.Json) await c.WriteJsonAsync(answer);
            else await c.Out.WriteLineAsync($"tenant {answer?["tenant_id"]}: revision {answer?["revision"]} promoted to all nodes");
            return 0;
        });
    }

    public static Command Rollback()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Tenant to roll back." };
        var to = new Option<string?>("--to") { Description = "REV: an earlier revision number (see `tollgate tenant show`)." };
        return ClientCommand.Create("rollback", "Assign an earlier revision of a tenant to every node (canaries cleared).", "rollback --tenant T --to REV", [tenant, to], async (c, ct) =>
        {
            var id = c.Value(tenant) is { Length: > 0 } t ? t : throw new UsageException("--tenant is required");
            var rev = c.Value(to) is { } r ? ClientContext.Int(r, "--to") : throw new UsageException("--to is required");
            var answer = await c.Client.PostAsync($"/v1/tenants/{Uri.EscapeDataString(id)}/rollback", new JsonObject { ["to"] = rev }, ct);
            if (c.Json) await c.WriteJsonAsync(answer);
            else await c.Out.WriteLineAsync($"tenant {answer?["tenant_id"]}: rolled back to revision {answer?["revision"]} on all nodes");
            return 0;
        });
    }

    private static async Task WriteSummaryAsync(TextWriter output, JsonArray revisions, JsonArray failures, int canary, JsonNode? serverMs, TimeSpan elapsed)
    {
        var scope = canary > 0 ? $"the first {canary} canary node(s)" : "all nodes";
        if (revisions.Count > 0 && revisions.Count <= 20)
        {
            foreach (var r in revisions)
            {
                await output.WriteLineAsync($"tenant {r?["tenant_id"]}: revision {r?["revision"]} ({TenantCommands.Size(r?["size_bytes"])}, sha256 {Short(r?["sha256"])})");
            }
        }
        foreach (var f in failures)
        {
            await output.WriteLineAsync($"tenant {f?["tenant_id"]}: FAILED: {f?["error"]}");
            if (f?["diagnostic_locations"] is JsonArray { Count: > 0 } located)
            {
                foreach (var d in located)
                {
                    var at = d?["line"] is JsonValue line && line.GetValue<int>() > 0 ? $"{TextTable.Cell(d["file"])}:{line}:{d["column"]}: " : "";
                    await output.WriteLineAsync($"  {at}{TextTable.Cell(d?["code"])}: {TextTable.Cell(d?["message"])}");
                }
            }
            else
            {
                foreach (var d in f?["diagnostics"] as JsonArray ?? []) await output.WriteLineAsync("  " + TextTable.Cell(d));
            }
        }
        var server = serverMs is JsonValue v && v.TryGetValue<double>(out var ms) ? $" (server {ms / 1000:0.00} s)" : "";
        await output.WriteLineAsync($"published {revisions.Count} revision(s) to {scope}, {failures.Count} failure(s), in {elapsed.TotalSeconds:0.00} s{server}");
    }

    private static string Short(JsonNode? sha) => TextTable.Cell(sha) is { Length: > 12 } s ? s[..12] + "…" : TextTable.Cell(sha);
}
