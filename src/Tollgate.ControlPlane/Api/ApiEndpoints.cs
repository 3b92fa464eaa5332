using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.ControlPlane.Artifacts;
using Tollgate.ControlPlane.Distribution;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Api;

/// <summary>The control plane's REST API (docs/control-plane.md): registry, publish, rollback, status, node sync.</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app, ControlPlaneServices s)
    {
        app.MapGet("/health", () => Json(new JsonObject { ["status"] = "ok" }));

        app.MapPost("/v1/templates", async (HttpContext ctx, CancellationToken _) => await Operator(ctx, s, async caller =>
        {
            var body = await ReadObject(ctx);
            var name = Str(body, "name") ?? throw new BadRequest("\"name\" is required");
            var source = Str(body, "source") ?? throw new BadRequest("\"source\" is required");
            var eps = new List<string>();
            if (body["entrypoints"] is JsonArray arr) foreach (var e in arr) eps.Add(e?.GetValue<string>() ?? "");
            if (eps.Count == 0) eps.AddRange(["tenant/authz/allow", "tenant/authz/decision"]);
            var check = Tollgate.Rego.RegoParser.ParseModule(source, name + ".rego");
            if (!check.Success) throw new BadRequest("template does not parse: " + string.Join("; ", check.Diagnostics));
            var t = s.Store.PutTemplate(name, source, eps);
            s.Store.Audit(caller.Actor, "template.push", $"{name} version {t.Version}");
            return Json(new JsonObject { ["name"] = t.Name, ["version"] = t.Version }, statusCode: 201);
        }));
        app.MapGet("/v1/templates", (HttpContext ctx) => OperatorSync(ctx, s, _ =>
        {
            var list = new JsonArray();
            foreach (var t in s.Store.ListTemplates()) list.Add(new JsonObject { ["name"] = t.Name, ["version"] = t.Version, ["entrypoints"] = new JsonArray([.. t.Entrypoints.Select(e => JsonValue.Create(e))]) });
            return Json(list);
        }));
        app.MapPost("/v1/libraries", async (HttpContext ctx, CancellationToken _) => await Operator(ctx, s, async caller =>
        {
            var body = await ReadObject(ctx);
            var name = Str(body, "name") ?? throw new BadRequest("\"name\" is required");
            var source = Str(body, "source") ?? throw new BadRequest("\"source\" is required");
            s.Store.PutLibrary(name, source);
            s.Store.Audit(caller.Actor, "library.push", name);
            return Json(new JsonObject { ["name"] = name }, statusCode: 201);
        }));

        app.MapPost("/v1/tenants", async (HttpContext ctx, CancellationToken _) => await Operator(ctx, s, async caller =>
        {
            var body = await ReadObject(ctx);
            var existing = s.Store.GetTenant(Str(body, "id") ?? "");
            var tenant = TenantJson.Parse(body, existing);
            s.Store.PutTenant(tenant);
            s.Store.Audit(caller.Actor, "tenant.put", tenant.Id);
            // Status and (for revisions from before smoke cases were stored per revision) smoke cases show in node
            // indexes at once; data and parameters wait for the next publish.
            if (existing is not null && (existing.Status != tenant.Status || !JsonNode.DeepEquals(existing.Smoke, tenant.Smoke))) s.Signal.Notify();
            return Json(TenantJson.ToJson(tenant), statusCode: 201);
        }));
        app.MapGet("/v1/tenants", (HttpContext ctx) => OperatorSync(ctx, s, _ =>
        {
            var global = s.Store.GlobalAssignments();
            var list = new JsonArray();
            foreach (var t in s.Store.ListTenants())
            {
                var o = TenantJson.ToJson(t, includeData: false);
                o["revision"] = global.TryGetValue(t.Id, out var rev) ? rev : null;
                list.Add(o);
            }
            return Json(list);
        }));
        app.MapGet("/v1/tenants/{id}", (HttpContext ctx, string id) => Authorized(ctx, s, caller =>
        {
            if (!caller.CanReadTenant(id)) return Json(Error("this token may not read tenant " + id), statusCode: 403);
            var t = s.Store.GetTenant(id);
            if (t is null) return Json(Error($"tenant {id} does not exist"), statusCode: 404);
            var o = TenantJson.ToJson(t);
            var revisions = new JsonArray();
            foreach (var r in s.Store.ListRevisions(id)) revisions.Add(RevisionJson(r));
            o["revisions"] = revisions;
            o["revision"] = s.Store.GlobalAssignments().TryGetValue(id, out var rev) ? rev : null;
            return Json(o);
        }));
        app.MapPost("/v1/tenants/{id}/suspend", (HttpContext ctx, string id) => SetStatus(ctx, s, id, "suspended"));
        app.MapPost("/v1/tenants/{id}/resume", (HttpContext ctx, string id) => SetStatus(ctx, s, id, "active"));

        app.MapPost("/v1/publish", async (HttpContext ctx, CancellationToken _) => await Operator(ctx, s, async caller =>
        {
            var body = await ReadObject(ctx);
            List<string>? ids = null;
            if (body["tenants"] is JsonArray arr)
            {
                ids = [];
                foreach (var e in arr) ids.Add(e?.GetValue<string>() ?? "");
            }
            else if (body["all"]?.GetValue<bool>() != true)
            {
                throw new BadRequest("give \"tenants\": [...] or \"all\": true");
            }
            var canary = body["canary"] is JsonValue c ? c.GetValue<int>() : 0;
            var stream = PublishStream.Wanted(ctx.Request) ? new PublishStream(ctx.Response, ctx.RequestAborted) : null;
            PublishResult result;
            try
            {
                result = await s.Publisher.PublishAsync(ids, canary, caller.Actor, stream is null ? null : stream.Report, stream is null ? null : stream.ReportStored, ctx.RequestAborted);
            }
            catch (KeyNotFoundException ex) when (stream is not { Started: true })
            {
                throw new BadRequest(ex.Message);
            }
            catch (Exception ex) when (stream is { Started: true })
            {
                await stream.FailAsync("publish failed: " + ex.Message);
                return Results.Empty;
            }
            var revisions = new JsonArray();
            foreach (var r in result.Revisions) revisions.Add(RevisionJson(r));
            var failures = new JsonArray();
            foreach (var f in result.Failures)
            {
                var locations = new JsonArray();
                foreach (var d in f.Diagnostics)
                {
                    // Added for the CLI: file:line:col positions (the "diagnostics" strings stay as they were).
                    locations.Add(new JsonObject { ["file"] = d.Location.File, ["line"] = d.Location.Line, ["column"] = d.Location.Column, ["code"] = d.Code, ["message"] = d.Message });
                }
                failures.Add(new JsonObject { ["tenant_id"] = f.TenantId, ["error"] = f.Error, ["diagnostics"] = new JsonArray([.. f.Diagnostics.Select(d => JsonValue.Create(d.ToString()))]), ["diagnostic_locations"] = locations });
            }
            var answer = new JsonObject { ["revisions"] = revisions, ["failures"] = failures, ["elapsed_ms"] = result.Elapsed.TotalMilliseconds };
            if (stream is { Started: true })
            {
                await stream.FinishAsync(answer);
                return Results.Empty;
            }
            return Json(answer, statusCode: failures.Count > 0 && revisions.Count == 0 ? 422 : 200);
        }));
        app.MapPost("/v1/tenants/{id}/promote", (HttpContext ctx, string id) => OperatorSync(ctx, s, caller =>
        {
            if (!s.Store.Promote(id, caller.Actor)) return Json(Error($"tenant {id} has no canary revision"), statusCode: 404);
            s.Signal.Notify();
            return Json(new JsonObject { ["tenant_id"] = id, ["revision"] = s.Store.GlobalAssignments()[id] });
        }));
        app.MapPost("/v1/tenants/{id}/rollback", async (HttpContext ctx, string id) => await Operator(ctx, s, async caller =>
        {
            var body = await ReadObject(ctx);
            var to = body["to"] is JsonValue v ? (v.TryGetValue<int>(out var n) ? n : int.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture)) : throw new BadRequest("\"to\" (revision number) is required");
            if (!s.Store.Rollback(id, to, caller.Actor)) return Json(Error($"tenant {id} has no revision {to}"), statusCode: 404);
            s.Signal.Notify();
            return Json(new JsonObject { ["tenant_id"] = id, ["revision"] = to });
        }));
        app.MapGet("/v1/status", (HttpContext ctx) => OperatorSync(ctx, s, _ => Json(StatusReport.Build(s.Store))));
        app.MapGet("/v1/audit", (HttpContext ctx) => OperatorSync(ctx, s, _ =>
        {
            var list = new JsonArray();
            foreach (var a in s.Store.ListAudit()) list.Add(new JsonObject { ["id"] = a.Id, ["actor"] = a.Actor, ["action"] = a.Action, ["detail"] = a.Detail, ["at"] = a.At });
            return Json(list);
        }));

        app.MapGet("/v1/nodes/{node}/index", async (HttpContext ctx, string node) =>
        {
            var caller = Caller.From(ctx, s.Options);
            if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
            if (!caller.IsOperator && !caller.IsNode(node)) return Json(Error("this token may not read node " + node), statusCode: 403);
            s.Store.RecordNode(node, null);
            var wait = PreferWait(ctx, s.Options.MaxLongPoll);
            var ifNoneMatch = ctx.Request.Headers.IfNoneMatch.ToString().Trim('"');
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                var next = s.Signal.NextChange; // taken before building, so no change between build and wait is missed
                var (etag, json) = s.IndexCache.Get(node);
                if (etag != ifNoneMatch || wait <= TimeSpan.Zero || DateTime.UtcNow >= deadline)
                {
                    ctx.Response.Headers.ETag = $"\"{etag}\"";
                    if (etag == ifNoneMatch) return Results.StatusCode(304);
                    return Results.Bytes(json, "application/json");
                }
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) continue;
                try
                {
                    await next.WaitAsync(remaining, ctx.RequestAborted);
                }
                catch (TimeoutException)
                {
                }
            }
        });
        app.MapGet("/v1/artifacts/{sha}", async (HttpContext ctx, string sha) =>
        {
            var caller = Caller.From(ctx, s.Options);
            if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
            if (caller.Scope == "tenant") return Json(Error("tenant tokens may not fetch artifacts"), statusCode: 403);
            var bytes = await s.Artifacts.GetAsync(sha.ToLowerInvariant(), ctx.RequestAborted);
            if (bytes is null) return Json(Error($"artifact {sha} not found"), statusCode: 404);
            ctx.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            ctx.Response.Headers.ETag = $"\"{sha}\"";
            return Results.Bytes(bytes, "application/gzip");
        });
        // Many artifacts in one response (ArtifactPack): what a node needs after a publish, in one round trip.
        app.MapPost("/v1/nodes/{node}/artifacts", async (HttpContext ctx, string node) =>
        {
            var caller = Caller.From(ctx, s.Options);
            if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
            if (!caller.IsOperator && !caller.IsNode(node)) return Json(Error("this token may not fetch for node " + node), statusCode: 403);
            var hashes = new List<string>();
            try
            {
                var body = await ReadObject(ctx);
                if (body["sha256"] is not JsonArray list) throw new BadRequest("\"sha256\" (an array of artifact hashes) is required");
                if (list.Count > ArtifactPack.MaxArtifacts) return Json(Error($"at most {ArtifactPack.MaxArtifacts} artifacts per request, got {list.Count}"), statusCode: 413);
                foreach (var item in list)
                {
                    var sha = item is JsonValue v && v.TryGetValue<string>(out var text) ? text.ToLowerInvariant() : null;
                    if (sha is null || !ArtifactPack.IsSha256(sha)) throw new BadRequest($"\"{item?.ToJsonString()}\" is not a sha256 in hex");
                    hashes.Add(sha);
                }
            }
            catch (BadRequest ex)
            {
                return Json(Error(ex.Message), statusCode: 400);
            }
            return Results.Stream(output => ArtifactPack.WriteAsync(output, s.Artifacts, hashes, ctx.RequestAborted), ArtifactPack.ContentType);
        });
        app.MapPost("/v1/nodes/{node}/status", async (HttpContext ctx, string node) =>
        {
            var caller = Caller.From(ctx, s.Options);
            if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
            if (!caller.IsOperator && !caller.IsNode(node)) return Json(Error("this token may not report for node " + node), statusCode: 403);
            JsonObject body;
            try
            {
                body = await ReadObject(ctx);
            }
            catch (BadRequest ex)
            {
                return Json(Error(ex.Message), statusCode: 400);
            }
            s.Store.RecordNode(node, body.ToJsonString());
            return Results.NoContent();
        });
    }

    private static TimeSpan PreferWait(HttpContext ctx, TimeSpan max)
    {
        foreach (var value in ctx.Request.Headers["Prefer"])
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var p = part.Trim();
                if (p.StartsWith("wait=", StringComparison.OrdinalIgnoreCase) && int.TryParse(p[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    var wait = TimeSpan.FromSeconds(seconds);
                    return wait > max ? max : wait;
                }
            }
        }
        return TimeSpan.Zero;
    }

    private static IResult SetStatus(HttpContext ctx, ControlPlaneServices s, string id, string status) => OperatorSync(ctx, s, caller =>
    {
        if (!s.Store.SetTenantStatus(id, status)) return Json(Error($"tenant {id} does not exist"), statusCode: 404);
        s.Store.Audit(caller.Actor, "tenant." + status, id);
        s.Signal.Notify();
        return Json(new JsonObject { ["id"] = id, ["status"] = status });
    });

    internal static JsonObject RevisionJson(RevisionRecord r) => new()
    {
        ["tenant_id"] = r.TenantId,
        ["revision"] = r.Number,
        ["sha256"] = r.Sha256,
        ["wasm_sha256"] = r.WasmSha256,
        ["template"] = r.Template,
        ["template_version"] = r.TemplateVersion,
        ["size_bytes"] = r.SizeBytes,
        ["created_by"] = r.CreatedBy,
        ["created"] = r.Created,
    };

    /// <summary>Writes a JSON node with its own serializer (the slim host has no reflection-based JSON options).</summary>
    private static IResult Json(JsonNode node, int statusCode = 200) =>
        Results.Text(node.ToJsonString(), "application/json", System.Text.Encoding.UTF8, statusCode);

    private static JsonObject Error(string message) => new() { ["error"] = message };

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static async Task<JsonObject> ReadObject(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject
                ?? throw new BadRequest("the body must be a JSON object");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BadRequest("invalid JSON body: " + ex.Message);
        }
    }

    private static IResult Authorized(HttpContext ctx, ControlPlaneServices s, Func<Caller, IResult> action)
    {
        var caller = Caller.From(ctx, s.Options);
        if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
        try
        {
            return action(caller);
        }
        catch (BadRequest ex)
        {
            return Json(Error(ex.Message), statusCode: 400);
        }
    }

    private static IResult OperatorSync(HttpContext ctx, ControlPlaneServices s, Func<Caller, IResult> action) => Authorized(ctx, s, caller =>
        caller.IsOperator ? action(caller) : Json(Error("this operation needs an operator token"), statusCode: 403));

    private static async Task<IResult> Operator(HttpContext ctx, ControlPlaneServices s, Func<Caller, Task<IResult>> action)
    {
        var caller = Caller.From(ctx, s.Options);
        if (caller is null) return Json(Error("missing or unknown bearer token"), statusCode: 401);
        if (!caller.IsOperator) return Json(Error("this operation needs an operator token"), statusCode: 403);
        try
        {
            return await action(caller);
        }
        catch (BadRequest ex)
        {
            return Json(Error(ex.Message), statusCode: 400);
        }
    }
}

/// <summary>A client error answered with 400 and its message.</summary>
internal sealed class BadRequest(string message) : Exception(message);
