using Microsoft.AspNetCore.Http;
using Tollgate.Edge.Decisions;

namespace Tollgate.Edge.Http;

/// <summary>
/// HTTP ext_authz under <c>/check</c>: Envoy's http_service (path_prefix "/check" prepended to the original
/// path) and nginx auth_request (original request in X-Original-URI / X-Original-Method). 200 = allow;
/// deny = 403 or the policy's http_status, with its headers and body.
/// </summary>
internal static class CheckEndpoint
{
    public const string Prefix = "/check";

    /// <summary>True for <c>/check</c> and everything below it (case-insensitive, as the route was).</summary>
    public static bool Matches(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
    private const int MaxBodyBytes = 1 << 20;

    public static async Task HandleAsync(HttpContext context, DecisionService decisions)
    {
        var request = await ReadAsync(context.Request);
        var decision = decisions.Decide("http", request);
        var response = context.Response;
        if (decision.Reason is not null)
        {
            response.Headers["x-tollgate-reason"] = decision.Reason.Length > 200 ? decision.Reason[..200] : decision.Reason;
        }
        if (decision.Allowed)
        {
            response.StatusCode = StatusCodes.Status200OK;
            AppendHeaders(response, decision.Headers);
            AppendHeaders(response, decision.ResponseHeadersToAdd);
            return;
        }
        response.StatusCode = decision.DeniedStatusOrDefault;
        AppendHeaders(response, decision.Headers);
        var body = decision.Body ?? decision.Reason;
        if (body is { Length: > 0 })
        {
            if (!response.Headers.ContainsKey("content-type"))
            {
                response.ContentType = "text/plain; charset=utf-8";
            }
            await response.WriteAsync(body);
        }
    }

    internal static async Task<DecisionRequest> ReadAsync(HttpRequest http)
    {
        var request = new DecisionRequest
        {
            Method = http.Method,
            Host = http.Host.Value ?? "",
            Scheme = http.Scheme,
            Protocol = http.Protocol,
            Id = http.HttpContext.TraceIdentifier,
        };
        var originalUri = http.Headers["x-original-uri"];
        if (originalUri.Count > 0 && !string.IsNullOrEmpty(originalUri[0]))
        {
            request.Path = originalUri[0]!;
            var originalMethod = http.Headers["x-original-method"];
            if (originalMethod.Count > 0 && !string.IsNullOrEmpty(originalMethod[0]))
            {
                request.Method = originalMethod[0]!;
            }
        }
        else
        {
            var path = http.Path.Value ?? "";
            var original = path.Length > Prefix.Length ? path[Prefix.Length..] : "/";
            request.Path = original + http.QueryString.Value;
        }
        request.Headers.EnsureCapacity(http.Headers.Count);
        foreach (var header in http.Headers)
        {
            foreach (var value in header.Value)
            {
                request.Headers.Add(new(HeaderNameCase.Lower(header.Key), value ?? ""));
            }
        }
        var connection = http.HttpContext.Connection;
        if (connection.RemoteIpAddress is { } remote)
        {
            request.SourceAddress = remote.ToString();
            request.SourcePort = (uint)connection.RemotePort;
        }
        if (http.ContentLength is > 0 and <= MaxBodyBytes)
        {
            using var reader = new StreamReader(http.Body);
            request.Body = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
            request.Size = http.ContentLength.Value;
        }
        return request;
    }

    private static void AppendHeaders(HttpResponse response, List<KeyValuePair<string, string>>? headers)
    {
        if (headers is null)
        {
            return;
        }
        foreach (var header in headers)
        {
            response.Headers.Append(header.Key, header.Value);
        }
    }
}
