namespace Tollgate.Edge.Decisions;

/// <summary>The answer to one <see cref="DecisionRequest"/>, independent of the API that returns it.</summary>
public sealed class Decision
{
    public bool Allowed { get; set; }

    /// <summary>Status for a denied request (0 = the API's default, 403).</summary>
    public int HttpStatus { get; set; }

    /// <summary>Allowed: headers added to the upstream request. Denied: headers of the response to the client.</summary>
    public List<KeyValuePair<string, string>>? Headers { get; set; }

    public List<KeyValuePair<string, string>>? ResponseHeadersToAdd { get; set; }
    public List<string>? RequestHeadersToRemove { get; set; }
    public string? Body { get; set; }

    /// <summary>The policy's dynamic_metadata object, as JSON.</summary>
    public string? DynamicMetadataJson { get; set; }

    public string? TenantId { get; set; }
    public string? Revision { get; set; }

    /// <summary>Why the edge decided without (or despite) the policy: unknown tenant, error, bad result.</summary>
    public string? Reason { get; set; }

    /// <summary>Error kind when the decision came from the failure mode (metrics label).</summary>
    public string? ErrorKind { get; set; }

    public int DeniedStatusOrDefault => HttpStatus is >= 100 and <= 599 ? HttpStatus : 403;
}
