using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Api;

/// <summary>The JSON shape of a tenant in the API.</summary>
internal static class TenantJson
{
    /// <summary>Reads a tenant from a request body; fields left out keep their previous values.</summary>
    public static TenantRecord Parse(JsonObject body, TenantRecord? existing)
    {
        var id = body["id"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.Contains('/', StringComparison.Ordinal))
        {
            throw new BadRequest("\"id\" is required (1–128 characters, no '/')");
        }
        var template = body["template"]?.GetValue<string>() ?? existing?.Template ?? throw new BadRequest("\"template\" is required");
        var mode = body["mode"]?.GetValue<string>() switch
        {
            null => existing?.Mode ?? BuildMode.Substitution,
            "shared" => BuildMode.Shared,
            "substitution" => BuildMode.Substitution,
            var other => throw new BadRequest($"\"mode\" must be shared or substitution, not {other}"),
        };
        var status = body["status"]?.GetValue<string>() ?? existing?.Status ?? "active";
        if (status is not ("active" or "suspended")) throw new BadRequest("\"status\" must be active or suspended");
        return new TenantRecord(
            id,
            status,
            template,
            body["template_version"] is JsonValue v ? v.GetValue<int>() : existing?.TemplateVersion,
            mode,
            body["parameters"] as JsonObject is { } p ? (JsonObject)p.DeepClone() : existing?.Parameters ?? [],
            body["data"] as JsonObject is { } d ? (JsonObject)d.DeepClone() : existing?.Data ?? [],
            body["smoke"] as JsonArray is { } s ? (JsonArray)s.DeepClone() : existing?.Smoke ?? [],
            DateTimeOffset.UtcNow);
    }

    public static JsonObject ToJson(TenantRecord t, bool includeData = true)
    {
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["status"] = t.Status,
            ["template"] = t.Template,
            ["template_version"] = t.TemplateVersion,
            ["mode"] = t.Mode.ToString().ToLowerInvariant(),
            ["parameters"] = t.Parameters.DeepClone(),
        };
        if (includeData)
        {
            o["data"] = t.Data.DeepClone();
            o["smoke"] = t.Smoke.DeepClone();
        }
        return o;
    }
}
