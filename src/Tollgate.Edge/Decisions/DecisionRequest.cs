namespace Tollgate.Edge.Decisions;

/// <summary>
/// One authorization question, whatever API it arrived on (ext_authz gRPC, HTTP ext_authz, nginx
/// auth_request). It becomes the Rego input in the shape opa-envoy-plugin uses.
/// </summary>
public sealed class DecisionRequest
{
    public string Method { get; set; } = "GET";

    /// <summary>Request target as in the request line: path plus query string.</summary>
    public string Path { get; set; } = "/";

    public string Host { get; set; } = "";
    public string? Scheme { get; set; }
    public string? Protocol { get; set; }
    public string? Id { get; set; }
    public string? Fragment { get; set; }
    public long Size { get; set; }

    /// <summary>Header names are lowercase (HTTP/2 and Envoy send them so; HTTP/1 names are folded).</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string? Body { get; set; }
    public Dictionary<string, string>? ContextExtensions { get; set; }

    public string? SourceAddress { get; set; }
    public uint SourcePort { get; set; }
    public string? DestinationAddress { get; set; }
    public uint DestinationPort { get; set; }

    /// <summary>filter_metadata of the ext_authz metadata context, as JSON objects by namespace.</summary>
    public Dictionary<string, string>? MetadataContextJson { get; set; }

    public string? Header(string lowercaseName)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, lowercaseName, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }
        return null;
    }
}
