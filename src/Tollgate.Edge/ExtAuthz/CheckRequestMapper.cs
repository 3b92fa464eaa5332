using Google.Protobuf;
using Tollgate.Edge.Decisions;
using Tollgate.Edge.ExtAuthz.Wire;

namespace Tollgate.Edge.ExtAuthz;

/// <summary>Envoy's CheckRequest → <see cref="DecisionRequest"/>.</summary>
internal static class CheckRequestMapper
{
    /// <summary>Returns null (with a reason) when the request has no HTTP attributes to decide on.</summary>
    public static DecisionRequest? Map(CheckRequest check, out string? problem)
    {
        var http = check.Attributes?.Request?.Http;
        if (http is null)
        {
            problem = "malformed CheckRequest: attributes.request.http is missing";
            return null;
        }
        if (http.Method.Length == 0 || http.Path.Length == 0)
        {
            problem = "malformed CheckRequest: attributes.request.http needs a method and a path";
            return null;
        }
        problem = null;
        var request = new DecisionRequest
        {
            Method = http.Method,
            Path = http.Path,
            Host = http.Host,
            Scheme = NullIfEmpty(http.Scheme),
            Protocol = NullIfEmpty(http.Protocol),
            Id = NullIfEmpty(http.Id),
            Fragment = NullIfEmpty(http.Fragment),
            Size = http.Size,
        };
        if (http.Headers.Count > 0)
        {
            foreach (var header in http.Headers)
            {
                request.Headers.Add(new(header.Key, header.Value));
            }
        }
        else if (http.HeaderMap is { } map)
        {
            // Envoy sends header_map instead of headers when encode_raw_headers is on.
            foreach (var header in map.Headers)
            {
                request.Headers.Add(new(header.Key, header.Value.Length > 0 || header.RawValue.IsEmpty ? header.Value : header.RawValue.ToStringUtf8()));
            }
        }
        if (http.Body.Length > 0)
        {
            request.Body = http.Body;
        }
        else if (!http.RawBody.IsEmpty)
        {
            request.Body = http.RawBody.ToStringUtf8();
        }
        var attributes = check.Attributes!;
        if (attributes.ContextExtensions.Count > 0)
        {
            request.ContextExtensions = new Dictionary<string, string>(attributes.ContextExtensions, StringComparer.Ordinal);
        }
        if (attributes.MetadataContext is { FilterMetadata.Count: > 0 } metadata)
        {
            request.MetadataContextJson = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in metadata.FilterMetadata)
            {
                request.MetadataContextJson[pair.Key] = JsonFormatter.Default.Format(pair.Value);
            }
        }
        if (attributes.Source?.Address?.SocketAddress is { } source)
        {
            request.SourceAddress = source.Address;
            request.SourcePort = source.PortValue;
        }
        if (attributes.Destination?.Address?.SocketAddress is { } destination)
        {
            request.DestinationAddress = destination.Address;
            request.DestinationPort = destination.PortValue;
        }
        return request;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
