using System.CommandLine;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary><c>tollgate tenant add|list|show|suspend|resume</c> over /v1/tenants.</summary>
internal static class TenantCommands
{
    public static Command Create()
    {
        var tenant = new Command("tenant", "Create, list, show, suspend and resume tenants on a control plane.");
        tenant.Subcommands.Add(Add());
        tenant.Subcommands.Add(List());
        tenant.Subcommands.Add(Show());
        tenant.Subcommands.Add(SetStatus("suspend", "Suspend a tenant: nodes stop serving it at the next index poll."));
        tenant.Subcommands.Add(SetStatus("resume", "Resume a suspended tenant."));
        return tenant;
    }

    private static Command Add()
    {
        var id = ClientCommand.Positional("ID", "Tenant id (1–128 characters, no '/').");
        var template = new Option<string?>("--template") { Description = "Template name (see `tollgate template list`)." };
        var version = new Option<string?>("--template-version") { Description = "Pin a template version (default: always the latest)." };
        var mode = new Option<string?>("--mode") { Description = "substitution ({{TENANT_ID}} and {{param}} replaced, one module per tenant; the default) or shared (one module per template version)." };
        var data = new Option<string?>("--data") { Description = "FILE.json: the tenant's data document (data.json in its bundle)." };
        var parameters = new Option<string[]>("--param") { Description = "k=v template parameter, replaces {{k}} in substitution mode (repeatable; v is JSON if it parses, else a string)." };
        var smoke = new Option<string?>("--smoke") { Description = "FILE.json: an array of smoke cases {entrypoint, input, expect} edges check before serving." };
        const string usage = "tenant add ID --template NAME [--template-version V] [--mode substitution|shared] [--data FILE.json] [--param k=v ...] [--smoke FILE.json]";
        return ClientCommand.Create("add", "Create or update a tenant (fields left out keep their values).", usage,
            [id, template, version, mode, data, parameters, smoke], async (c, ct) =>
            {
                var body = new JsonObject { ["id"] = c.Required(id) };
                if (c.Value(template) is { } t) body["template"] = t;
                if (c.Value(version) is { } v) body["template_version"] = ClientContext.Int(v, "--template-version");
                if (c.Value(mode) is { } m)
                {
                    if (m is not ("shared" or "substitution")) throw new UsageException($"--mode must be shared or substitution, not {m}");
                    body["mode"] = m;
                }
                if (c.Value(data) is { } d) body["data"] = ReadJson(d, "--data") as JsonObject ?? throw new UsageException($"--data {d}: not a JSON object");
                if (c.Value(smoke) is { } s) body["smoke"] = ReadJson(s, "--smoke") as JsonArray ?? throw new UsageException($"--smoke {s}: not a JSON array");
                if (c.Value(parameters) is { Length: > 0 } ps) body["parameters"] = Parameters(ps);
                var answer = await c.Client.PostAsync("/v1/tenants", body, ct);
                if (c.Json) await c.WriteJsonAsync(answer);
                else await c.Out.WriteLineAsync($"tenant {answer?["id"]}: {answer?["status"]}, template {TemplateRef(answer)}, {answer?["mode"]} mode");
                return 0;
            });
    }

    private static Command List()
    {
        return ClientCommand.Create("list", "List tenants: status, template@version, active revision.", "tenant list", [], async (c, ct) =>
        {
            var answer = await c.Client.GetAsync("/v1/tenants", ct);
            if (c.Json)
            {
                await c.WriteJsonAsync(answer);
                return 0;
            }
            var table = new TextTable("ID", "STATUS", "TEMPLATE", "MODE", "REVISION");
            foreach (var t in answer as JsonArray ?? [])
            {
                table.Add(TextTable.Cell(t?["id"]), TextTable.Cell(t?["status"]), TemplateRef(t), TextTable.Cell(t?["mode"]), TextTable.Cell(t?["revision"]));
            }
            await table.WriteAsync(c.Out);
            return 0;
        });
    }

    private static Command Show()
    {
        var id = ClientCommand.Positional("ID", "Tenant id.");
        return ClientCommand.Create("show", "Show a tenant: settings, data, smoke cases and every revision.", "tenant show ID", [id], async (c, ct) =>
        {
            var answer = await c.Client.GetAsync("/v1/tenants/" + Uri.EscapeDataString(c.Required(id)), ct);
            if (c.Json)
            {
                await c.WriteJsonAsync(answer);
                return 0;
            }
            await c.Out.WriteLineAsync($"tenant     {answer?["id"]}");
            await c.Out.WriteLineAsync($"status     {answer?["status"]}");
            await c.Out.WriteLineAsync($"template   {TemplateRef(answer)} ({answer?["mode"]} mode)");
            await c.Out.WriteLineAsync($"parameters {answer?["parameters"]?.ToJsonString() ?? "{}"}");
            await c.Out.WriteLineAsync($"data       {Abbreviate(answer?["data"]?.ToJsonString() ?? "{}", 100)}");
            await c.Out.WriteLineAsync($"smoke      {(answer?["smoke"] as JsonArray)?.Count ?? 0} case(s)");
            await c.Out.WriteLineAsync($"revision   {TextTable.Cell(answer?["revision"])} (assigned to all nodes)");
            var revisions = answer?["revisions"] as JsonArray ?? [];
            if (revisions.Count == 0)
            {
                await c.Out.WriteLineAsync("no revisions yet: `tollgate publish --tenant " + answer?["id"] + "`");
                return 0;
            }
            await c.Out.WriteLineAsync();
            await RevisionTable(revisions).WriteAsync(c.Out);
            return 0;
        });
    }

    private static Command SetStatus(string verb, string description)
    {
        var id = ClientCommand.Positional("ID", "Tenant id.");
        return ClientCommand.Create(verb, description, $"tenant {verb} ID", [id], async (c, ct) =>
        {
            var answer = await c.Client.PostAsync($"/v1/tenants/{Uri.EscapeDataString(c.Required(id))}/{verb}", null, ct);
            if (c.Json) await c.WriteJsonAsync(answer);
            else await c.Out.WriteLineAsync($"tenant {answer?["id"]}: {answer?["status"]}");
            return 0;
        });
    }

    internal static TextTable RevisionTable(JsonArray revisions)
    {
        var table = new TextTable("REV", "CREATED", "BY", "TEMPLATE", "SIZE", "SHA256");
        foreach (var r in revisions)
        {
            table.Add(TextTable.Cell(r?["revision"]), ShortTime(r?["created"]), TextTable.Cell(r?["created_by"]),
                $"{TextTable.Cell(r?["template"])}@{TextTable.Cell(r?["template_version"])}", Size(r?["size_bytes"]), TextTable.Cell(r?["sha256"]));
        }
        return table;
    }

    /// <summary>name@version, or name@latest when the tenant follows the newest version.</summary>
    internal static string TemplateRef(JsonNode? tenant) =>
        $"{TextTable.Cell(tenant?["template"])}@{(tenant?["template_version"] is null ? "latest" : TextTable.Cell(tenant["template_version"]))}";

    internal static string ShortTime(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<DateTimeOffset>(out var t) ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + "Z" : TextTable.Cell(node);

    internal static string Size(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? (n >= 1024 ? $"{n / 1024.0:0.0} KB" : $"{n} B") : "-";

    private static string Abbreviate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static JsonObject Parameters(string[] pairs)
    {
        var o = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--param wants k=v, got {pair}");
            var value = pair[(eq + 1)..];
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(value);
            }
            catch (System.Text.Json.JsonException)
            {
                node = JsonValue.Create(value);
            }
            o[pair[..eq]] = node;
        }
        return o;
    }

    internal static JsonNode? ReadJson(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{option} {path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UsageException($"{option} {path}: {ex.Message}");
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new UsageException($"{option} {path}: invalid JSON: {ex.Message}");
        }
    }
}
