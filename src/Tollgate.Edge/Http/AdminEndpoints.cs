using Microsoft.AspNetCore.Http;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Http;

/// <summary>Operator actions on the node. When the node has a token, callers must present it as a bearer token.</summary>
internal static class AdminEndpoints
{
    public static async Task RollbackAsync(HttpContext context, RevisionActivator activator, EdgeOptions options)
    {
        if (options.Token is { Length: > 0 } token && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            await DataApiEndpoint.WriteErrorAsync(context, 401, "unauthorized", "a bearer token is required");
            return;
        }
        var tenant = context.Request.RouteValues["tenant"] as string ?? "";
        var outcome = activator.Rollback(tenant);
        if (!outcome.Succeeded)
        {
            await DataApiEndpoint.WriteErrorAsync(context, 409, "rollback_failed", outcome.Error!);
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"tenant_id\":{System.Text.Json.JsonSerializer.Serialize(tenant)},\"revision\":{System.Text.Json.JsonSerializer.Serialize(outcome.Revision)}}}");
    }
}
