using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollgate.Edge.Decisions;

namespace Tollgate.Edge.Http;

/// <summary>
/// OPA-compatible data API: <c>POST /v1/data/{path}</c> with <c>{"input": …}</c> → <c>{"result": …}</c>
/// (no "result" when undefined), for the tenant named by the tenant header.
/// </summary>
internal static class DataApiEndpoint
{
    private const int MaxBodyBytes = 1 << 20;

    public static async Task HandleAsync(HttpContext context, DecisionService decisions, EdgeOptions options, string? path)
    {
        var tenant = context.Request.Headers[options.TenantHeader].ToString();
        if (tenant.Length == 0)
        {
            await WriteErrorAsync(context, 400, "invalid_parameter", $"missing tenant header '{options.TenantHeader}'");
            return;
        }
        var entrypoint = (path ?? "").Trim('/');
        if (entrypoint.Length == 0)
        {
            await WriteErrorAsync(context, 400, "invalid_parameter", "a data path is required, e.g. /v1/data/envoy/authz/allow");
            return;
        }
        byte[] input = "null"u8.ToArray();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await WriteErrorAsync(context, 413, "invalid_parameter", "request body too large");
                return;
            }
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (body.Length > 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(body.ToArray());
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        await WriteErrorAsync(context, 400, "invalid_parameter", "the request body must be an object {\"input\": …}");
                        return;
                    }
                    if (doc.RootElement.TryGetProperty("input", out var given))
                    {
                        input = JsonSerializer.SerializeToUtf8Bytes(given);
                    }
                }
                catch (JsonException e)
                {
                    await WriteErrorAsync(context, 400, "invalid_parameter", "body is not valid JSON: " + e.Message);
                    return;
                }
            }
        }
        var resultSet = decisions.Query(tenant, entrypoint, input, out var error, out var status);
        if (resultSet is null)
        {
            await WriteErrorAsync(context, status, status == 404 ? "resource_not_found" : status == 400 ? "invalid_parameter" : "internal_error", error!);
            return;
        }
        context.Response.ContentType = "application/json";
        using var resultDoc = JsonDocument.Parse(resultSet);
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (resultDoc.RootElement.ValueKind == JsonValueKind.Array && resultDoc.RootElement.GetArrayLength() > 0
            && resultDoc.RootElement[0].TryGetProperty("result", out var result))
        {
            writer.WritePropertyName("result");
            result.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    internal static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
