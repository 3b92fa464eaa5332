namespace Tollgate.Edge.Decisions;

/// <summary>
/// Which tenant a request belongs to: the per-route ext_authz context extension, else the tenant header,
/// else the host name (without port).
/// </summary>
public sealed class TenantResolver(EdgeOptions options)
{
    public string? Resolve(DecisionRequest request)
    {
        if (request.ContextExtensions is { } extensions && extensions.TryGetValue(options.TenantContextExtension, out var fromRoute) && fromRoute.Length > 0)
        {
            return fromRoute;
        }
        var fromHeader = request.Header(options.TenantHeader);
        if (!string.IsNullOrEmpty(fromHeader))
        {
            return fromHeader;
        }
        return HostName(request.Host);
    }

    public static string? HostName(string host)
    {
        if (host.Length == 0)
        {
            return null;
        }
        if (host[0] == '[')
        {
            var close = host.IndexOf(']');
            return close > 0 ? host[1..close] : host;
        }
        var colon = host.IndexOf(':');
        return colon < 0 ? host : host[..colon];
    }
}
