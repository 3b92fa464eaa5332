using Microsoft.AspNetCore.Http;

namespace Tollgate.ControlPlane.Api;

/// <summary>Who is calling, from the bearer token: an operator, a node, or one tenant (read only).</summary>
public sealed record Caller(string Scope, string? Subject)
{
    public bool IsOperator => Scope == "operator";

    public bool IsNode(string nodeId) => Scope == "node" && (Subject == "*" || Subject == nodeId);

    public bool CanReadTenant(string tenantId) => IsOperator || (Scope == "tenant" && Subject == tenantId);

    public string Actor => Subject is null ? Scope : $"{Scope}:{Subject}";

    public static Caller? From(HttpContext context, ControlPlaneOptions options)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[7..].Trim();
        if (token.Length == 0) return null;
        if (options.OperatorTokens.Contains(token)) return new Caller("operator", "operator");
        if (options.NodeTokens.TryGetValue(token, out var node)) return new Caller("node", node);
        if (options.TenantTokens.TryGetValue(token, out var tenant)) return new Caller("tenant", tenant);
        return null;
    }
}
