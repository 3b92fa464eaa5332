using Microsoft.Extensions.Logging;

namespace Tollgate.Edge.Telemetry;

/// <summary>Event ids of the edge node, one range per feature.</summary>
internal static class EventIds
{
    public static readonly EventId RevisionActivated = new(100, nameof(RevisionActivated));
    public static readonly EventId RevisionRejected = new(101, nameof(RevisionRejected));
    public static readonly EventId TenantRemoved = new(102, nameof(TenantRemoved));
    public static readonly EventId SourceScanFailed = new(200, nameof(SourceScanFailed));
    public static readonly EventId SyncFailed = new(300, nameof(SyncFailed));
    public static readonly EventId SyncIndexChanged = new(301, nameof(SyncIndexChanged));
    public static readonly EventId StateRestored = new(302, nameof(StateRestored));
    public static readonly EventId StatusReportFailed = new(303, nameof(StatusReportFailed));
    public static readonly EventId DecisionFailed = new(400, nameof(DecisionFailed));
    public static readonly EventId DecisionLogFailed = new(500, nameof(DecisionLogFailed));
    public static readonly EventId Listening = new(600, nameof(Listening));
}
