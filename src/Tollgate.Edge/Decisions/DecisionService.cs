using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.DecisionLogs;
using Tollgate.Edge.Telemetry;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Decisions;

/// <summary>
/// Answers authorization questions for every API: finds the tenant's current revision (holding a lease
/// for the whole evaluation), builds the opa-envoy-plugin input, evaluates the decision entrypoint and reads
/// the result. Any error (unknown tenant, trap, timeout, malformed result) is denied unless the tenant
/// chose to fail open.
/// </summary>
public sealed class DecisionService
{
    private readonly TenantRegistry _registry;
    private readonly TenantResolver _resolver;
    private readonly EdgeMetrics _metrics;
    private readonly DecisionLogSink? _log;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public DecisionService(TenantRegistry registry, TenantResolver resolver, EdgeMetrics metrics, DecisionLogSink? log, ILogger logger, TimeProvider? time = null)
    {
        _registry = registry;
        _resolver = resolver;
        _metrics = metrics;
        _log = log;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public Decision Decide(string api, DecisionRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var tenantId = _resolver.Resolve(request);
        var decision = new Decision { TenantId = tenantId };
        if (tenantId is null)
        {
            return Unrouted(api, decision, "no tenant: set the tenant_id context extension, the tenant header or a host name", started);
        }
        using var lease = _registry.Acquire(tenantId);
        var revision = lease.Revision;
        if (revision is null)
        {
            return Unrouted(api, decision, $"unknown tenant '{tenantId}'", started);
        }
        decision.Revision = revision.RevisionId;
        var buffers = DecisionBuffers.Rent();
        DecisionInputWriter.Write(request, buffers.Json);
        buffers.Json.Flush();
        try
        {
            revision.Policy.Evaluate(revision.DecisionEntrypoint, buffers.Input.WrittenSpan, buffers.Output);
            var error = DecisionResultParser.Parse(buffers.Output.WrittenSpan, decision, out var kind);
            if (error is not null)
            {
                ApplyFailureMode(decision, revision, kind!, error);
            }
        }
        catch (Exception e)
        {
            ApplyFailureMode(decision, revision, ErrorKindOf(e), e.Message);
            _logger.Log(LogLevel.Debug, EventIds.DecisionFailed, e, "tenant {Tenant} revision {Revision}: decision failed", tenantId, revision.RevisionId);
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _metrics.RecordDecision(api, tenantId, decision.Allowed, seconds);
        _log?.Enqueue(new DecisionLogEntry(Guid.NewGuid().ToString(), _time.GetUtcNow(), api, tenantId, revision.RevisionId,
            revision.DecisionEntrypoint, buffers.Input.WrittenSpan.ToArray(), decision.Allowed, decision.Allowed ? 200 : decision.DeniedStatusOrDefault, decision.Reason, seconds));
        return decision;
    }

    /// <summary>
    /// OPA's data API: evaluates <paramref name="entrypoint"/> of the tenant on <paramref name="inputJson"/>
    /// and returns the ABI result set, or null with <paramref name="error"/> set.
    /// </summary>
    public byte[]? Query(string tenantId, string entrypoint, ReadOnlySpan<byte> inputJson, out string? error, out int status)
    {
        var started = Stopwatch.GetTimestamp();
        using var lease = _registry.Acquire(tenantId);
        var revision = lease.Revision;
        if (revision is null)
        {
            _metrics.RecordError("unknown_tenant");
            error = $"unknown tenant '{tenantId}'";
            status = 404;
            return null;
        }
        if (!revision.Policy.HasEntrypoint(entrypoint))
        {
            error = $"tenant '{tenantId}' revision {revision.RevisionId} has no entrypoint '{entrypoint}'";
            status = 404;
            return null;
        }
        var buffers = DecisionBuffers.Rent();
        try
        {
            revision.Policy.Evaluate(entrypoint, inputJson, buffers.Output);
        }
        catch (Exception e)
        {
            var kind = ErrorKindOf(e);
            _metrics.RecordError(kind);
            error = e.Message;
            status = kind == "input" ? 400 : 500;
            return null;
        }
        _metrics.RecordDecision("data", tenantId, allowed: true, Stopwatch.GetElapsedTime(started).TotalSeconds);
        error = null;
        status = 200;
        return buffers.Output.WrittenSpan.ToArray();
    }

    private Decision Unrouted(string api, Decision decision, string reason, long started)
    {
        decision.Allowed = false;
        decision.HttpStatus = 403;
        decision.Reason = reason;
        decision.ErrorKind = "unknown_tenant";
        _metrics.RecordError("unknown_tenant");
        _metrics.RecordUnroutedDecision(api, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return decision;
    }

    private void ApplyFailureMode(Decision decision, TenantRevision revision, string kind, string message)
    {
        _metrics.RecordError(kind);
        decision.ErrorKind = kind;
        decision.Reason = $"{kind}: {message}";
        decision.Allowed = revision.FailOpen;
        decision.Headers = null;
        decision.ResponseHeadersToAdd = null;
        decision.RequestHeadersToRemove = null;
        decision.Body = null;
        decision.DynamicMetadataJson = null;
        decision.HttpStatus = revision.FailOpen ? 0 : 403;
    }

    /// <summary>Maps host exceptions to metric kinds by name, so this layer needs no reference to the host's types.</summary>
    internal static string ErrorKindOf(Exception e) => e.GetType().Name switch
    {
        "PolicyTimeoutException" => "timeout",
        "PolicyMemoryLimitException" => "memory",
        "PolicyInputTooLargeException" or "PolicyInputException" => "input",
        "PolicyBuiltinException" => "builtin",
        _ => "evaluation",
    };
}
