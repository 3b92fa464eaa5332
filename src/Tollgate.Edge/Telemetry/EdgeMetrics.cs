using Prometheus;

namespace Tollgate.Edge.Telemetry;

/// <summary>
/// The node's Prometheus series, in a registry owned by one <see cref="EdgeServer"/> (so several servers can
/// run in one test process). Histograms carry no tenant label: 5,000 tenants × buckets would explode the
/// series count. Per-tenant counters expire when a tenant has been idle for a while.
/// </summary>
public sealed class EdgeMetrics
{
    /// <summary>Sub-millisecond resolution where decisions actually fall, up to the 5 ms alert threshold and beyond.</summary>
    private static readonly double[] DecisionBuckets =
        [0.00002, 0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

    private static readonly double[] LoadBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

    private readonly Histogram _decisionDuration;
    private readonly Prometheus.ICollector<ICounter> _requests;
    private readonly Prometheus.ICollector<ICounter> _denies;
    private readonly Counter _errors;
    private readonly Counter _activations;
    private readonly Gauge _revisionInfo;

    public EdgeMetrics(TimeSpan tenantSeriesExpiry)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _decisionDuration = factory.CreateHistogram(
            "tollgate_edge_decision_duration_seconds",
            "Time to answer one authorization decision (tenant lookup, input encoding, evaluation, result decoding).",
            ["api"],
            new HistogramConfiguration { Buckets = DecisionBuckets });
        var expiring = factory.WithManagedLifetime(tenantSeriesExpiry);
        _requests = expiring.CreateCounter("tollgate_edge_requests_total", "Decisions made, by tenant.", ["tenant_id"]).WithExtendLifetimeOnUse();
        _denies = expiring.CreateCounter("tollgate_edge_denies_total", "Decisions that denied the request, by tenant.", ["tenant_id"]).WithExtendLifetimeOnUse();
        _errors = factory.CreateCounter("tollgate_edge_errors_total", "Errors by kind (unknown_tenant, evaluation, timeout, bad_result, undefined, malformed_request, load, verification, sync, fetch).", ["kind"]);
        ModuleLoadDuration = factory.CreateHistogram(
            "tollgate_edge_module_load_duration_seconds",
            "Time to load, instantiate and verify a new tenant revision.",
            new HistogramConfiguration { Buckets = LoadBuckets });
        _activations = factory.CreateCounter("tollgate_edge_revision_activations_total", "Revision swaps by result (activated, rejected).", ["result"]);
        _revisionInfo = factory.CreateGauge("tollgate_edge_active_revision_info", "1 for the revision each tenant currently serves.", ["tenant_id", "revision", "sha256"]);
        ActiveTenants = factory.CreateGauge("tollgate_edge_tenants_active", "Tenants with an active revision.");
        SyncLag = factory.CreateGauge("tollgate_edge_sync_lag_seconds", "Seconds since the node index was last confirmed current with the control plane.");
        SyncLastSuccess = factory.CreateGauge("tollgate_edge_sync_last_success_timestamp_seconds", "Unix time of the last successful index sync.");
    }

    public CollectorRegistry Registry { get; }
    public Histogram ModuleLoadDuration { get; }
    public Gauge ActiveTenants { get; }
    public Gauge SyncLag { get; }
    public Gauge SyncLastSuccess { get; }

    // One decision per check: the span overloads find existing series without a label array per call.
    public void RecordDecision(string api, string tenantId, bool allowed, double seconds)
    {
        _decisionDuration.WithLabels(new ReadOnlySpan<string>(in api)).Observe(seconds);
        _requests.WithLabels(new ReadOnlySpan<string>(in tenantId)).Inc();
        if (!allowed)
        {
            _denies.WithLabels(new ReadOnlySpan<string>(in tenantId)).Inc();
        }
    }

    /// <summary>Unknown tenants are not labelled (anyone can send any id): only the latency and the error count.</summary>
    public void RecordUnroutedDecision(string api, double seconds) => _decisionDuration.WithLabels(api).Observe(seconds);

    public void RecordError(string kind) => _errors.WithLabels(kind).Inc();

    public void RecordActivation(string tenantId, string? previousRevision, string? previousSha, string revision, string sha)
    {
        _activations.WithLabels("activated").Inc();
        if (previousRevision is not null && previousSha is not null)
        {
            _revisionInfo.RemoveLabelled(tenantId, previousRevision, previousSha);
        }
        _revisionInfo.WithLabels(tenantId, revision, sha).Set(1);
    }

    public void RecordRejection() => _activations.WithLabels("rejected").Inc();

    public void RecordRemoval(string tenantId, string revision, string sha) => _revisionInfo.RemoveLabelled(tenantId, revision, sha);
}
