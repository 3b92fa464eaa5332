using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Http;

/// <summary>/health, /ready and /status.</summary>
internal static class NodeEndpoints
{
    public static Task HealthAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"status\":\"ok\"}");
    }

    /// <summary>Ready = the first assignment arrived and every assigned tenant is active at its expected revision.</summary>
    public static async Task ReadyAsync(HttpContext context, TenantRegistry registry, NodeReadiness readiness)
    {
        string? problem = null;
        if (!readiness.InitialLoadDone)
        {
            problem = "waiting for the first tenant assignment";
        }
        else if (!registry.IsReady(out var tenant))
        {
            var status = registry.Status(tenant!);
            problem = $"tenant '{tenant}' is not active at its expected revision" + (status?.Error is { } error ? ": " + error : "");
        }
        context.Response.StatusCode = problem is null ? 200 : 503;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteBoolean("ready", problem is null);
        writer.WriteNumber("tenants_active", registry.ActiveCount);
        if (problem is not null)
        {
            writer.WriteString("reason", problem);
        }
        writer.WriteEndObject();
    }

    public static async Task StatusAsync(HttpContext context, TenantRegistry registry, NodeReadiness readiness)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("initial_load_done", readiness.InitialLoadDone);
        writer.WriteStartArray("tenants");
        foreach (var status in registry.Statuses())
        {
            WriteStatus(writer, status);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void WriteStatus(Utf8JsonWriter writer, TenantStatus status)
    {
        writer.WriteStartObject();
        writer.WriteString("tenant_id", status.TenantId);
        writer.WriteString("state", status.State.ToString().ToLowerInvariant());
        writer.WriteString("revision", status.ActiveRevision);
        writer.WriteString("expected_revision", status.ExpectedRevision);
        writer.WriteString("sha256", status.ModuleSha256);
        if (status.Error is not null)
        {
            writer.WriteString("error", status.Error);
        }
        writer.WriteString("updated_at", status.UpdatedAt);
        writer.WriteEndObject();
    }
}
