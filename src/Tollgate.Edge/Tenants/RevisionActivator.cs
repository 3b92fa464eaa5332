using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.Telemetry;

namespace Tollgate.Edge.Tenants;

/// <summary>The outcome of offering one artifact to a tenant.</summary>
public sealed record ActivationOutcome(string TenantId, string Revision, bool Activated, bool AlreadyActive, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Load → verify → swap for one tenant artifact. A revision that fails to load or fails a smoke case never
/// serves: the previous revision keeps answering and the failure is reported (log, metric, status).
/// Activations of one tenant are serialized; different tenants load in parallel.
/// </summary>
public sealed class RevisionActivator
{
    private readonly TenantRegistry _registry;
    private readonly IPolicyLoader _loader;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, object> _tenantLocks = new(StringComparer.Ordinal);

    public RevisionActivator(TenantRegistry registry, IPolicyLoader loader, EdgeMetrics metrics, EdgeOptions options, ILogger logger, TimeProvider? time = null)
    {
        _registry = registry;
        _loader = loader;
        _metrics = metrics;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised after a revision became active (the sync persists it as last good).</summary>
    public event Action<TenantArtifact>? Activated;

    public ActivationOutcome Activate(TenantArtifact artifact)
    {
        var gate = _tenantLocks.GetOrAdd(artifact.TenantId, static _ => new object());
        lock (gate)
        {
            var current = _registry.Peek(artifact.TenantId);
            if (current is not null && current.RevisionId == artifact.Revision && current.Artifact.BundleSha256 == artifact.BundleSha256)
            {
                _registry.Expect(artifact.TenantId, artifact.Revision);
                return new ActivationOutcome(artifact.TenantId, artifact.Revision, false, true, null);
            }
            var error = TryBuild(artifact, out var revision);
            if (revision is null)
            {
                _registry.ReportFailure(artifact.TenantId, artifact.Revision, error!);
                _metrics.RecordRejection();
                _logger.Log(LogLevel.Warning, EventIds.RevisionRejected, "tenant {Tenant}: revision {Revision} rejected, {Serving}: {Error}",
                    artifact.TenantId, artifact.Revision, current is null ? "no revision serves" : "revision " + current.RevisionId + " keeps serving", error);
                return new ActivationOutcome(artifact.TenantId, artifact.Revision, false, false, error);
            }
            _registry.Expect(artifact.TenantId, artifact.Revision);
            var previous = _registry.Activate(revision);
            _metrics.RecordActivation(artifact.TenantId, previous?.RevisionId, previous?.ModuleSha256, revision.RevisionId, revision.ModuleSha256);
            _metrics.ActiveTenants.Set(_registry.ActiveCount);
            _logger.Log(LogLevel.Information, EventIds.RevisionActivated, "tenant {Tenant}: revision {Revision} active (module {Sha}, was {Previous})",
                artifact.TenantId, artifact.Revision, revision.ModuleSha256, previous?.RevisionId ?? "none");
            Activated?.Invoke(artifact);
            return new ActivationOutcome(artifact.TenantId, artifact.Revision, true, false, null);
        }
    }

    /// <summary>Re-activates the revision that served before the current one.</summary>
    public ActivationOutcome Rollback(string tenantId)
    {
        var previous = _registry.PreviousArtifact(tenantId);
        if (previous is null)
        {
            return new ActivationOutcome(tenantId, "", false, false, $"tenant '{tenantId}' has no previous revision to roll back to");
        }
        return Activate(previous);
    }

    public void Remove(string tenantId)
    {
        var current = _registry.Peek(tenantId);
        if (_registry.Remove(tenantId) && current is not null)
        {
            _metrics.RecordRemoval(tenantId, current.RevisionId, current.ModuleSha256);
            _metrics.ActiveTenants.Set(_registry.ActiveCount);
            _logger.Log(LogLevel.Information, EventIds.TenantRemoved, "tenant {Tenant} removed from this node", tenantId);
        }
    }

    private string? TryBuild(TenantArtifact artifact, out TenantRevision? revision)
    {
        revision = null;
        var entrypoint = (artifact.Entrypoint ?? _options.DefaultDecision).Trim('/');
        var started = Stopwatch.GetTimestamp();
        ITenantPolicy policy;
        try
        {
            policy = _loader.Load(artifact);
        }
        catch (Exception e)
        {
            _metrics.RecordError("load");
            return "load failed: " + e.Message;
        }
        string? failure;
        try
        {
            failure = RevisionVerifier.Verify(policy, entrypoint, artifact.Smoke);
        }
        catch (Exception e)
        {
            failure = "verification failed: " + e.Message;
        }
        _metrics.ModuleLoadDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (failure is not null)
        {
            _metrics.RecordError("verification");
            policy.Dispose();
            return failure;
        }
        revision = new TenantRevision(artifact, policy, entrypoint, artifact.FailOpen ?? _options.DefaultFailOpen, _time.GetUtcNow());
        return null;
    }
}
