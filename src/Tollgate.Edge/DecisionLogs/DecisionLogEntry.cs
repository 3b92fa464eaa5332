namespace Tollgate.Edge.DecisionLogs;

/// <summary>One logged decision; the input is kept as raw JSON and masked when the batch is written.</summary>
public sealed record DecisionLogEntry(
    string DecisionId,
    DateTimeOffset Timestamp,
    string Api,
    string TenantId,
    string? Revision,
    string? Entrypoint,
    byte[] InputJson,
    bool Allowed,
    int HttpStatus,
    string? Reason,
    double DurationSeconds);
