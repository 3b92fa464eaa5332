using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.Telemetry;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sync;

/// <summary>
/// Keeps the node's tenants in step with the control plane (docs/sync-protocol.md): long-polls the node index
/// with If-None-Match + Prefer: wait=N (falling back to plain polling when the server answers at once),
/// fetches only artifacts it does not hold (content-addressed by sha256), verifies the hash, activates through
/// the <see cref="RevisionActivator"/> (smoke cases, atomic swap), persists last good revisions (behind the
/// activations, see <see cref="StatePersister"/>) and reports status. On start it serves what the state directory holds before the control plane answers.
/// </summary>
public sealed class ControlPlaneSync : IAsyncDisposable
{
    private readonly EdgeOptions _options;
    private readonly TenantRegistry _registry;
    private readonly RevisionActivator _activator;
    private readonly NodeReadiness _readiness;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly TenantStateStore? _state;
    private readonly StatePersister? _persister;
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _indexUri;
    private readonly Uri _statusUri;
    private readonly Uri _artifactsUri;
    private bool _packUnsupported;

    /// <summary>Artifacts per pack request (the control plane accepts up to 1,000).</summary>
    private const int MaxPackArtifacts = 500;

    /// <summary>Largest single artifact accepted from a pack (the bundle reader's own total cap).</summary>
    private const long MaxArtifactBytes = 256L << 20;
    private string? _etag;
    private long _lastSuccessTimestamp;
    private Task? _loop;

    public ControlPlaneSync(EdgeOptions options, TenantRegistry registry, RevisionActivator activator, NodeReadiness readiness,
        EdgeMetrics metrics, ILogger logger, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        _options = options;
        _registry = registry;
        _activator = activator;
        _readiness = readiness;
        _metrics = metrics;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = options.LongPollWait + TimeSpan.FromSeconds(15);
        if (!string.IsNullOrEmpty(options.Token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }
        var baseUri = options.ControlPlane!.ToString().TrimEnd('/');
        var node = Uri.EscapeDataString(options.NodeId!);
        _indexUri = new Uri($"{baseUri}/v1/nodes/{node}/index");
        _statusUri = new Uri($"{baseUri}/v1/nodes/{node}/status");
        _artifactsUri = new Uri($"{baseUri}/v1/nodes/{node}/artifacts");
        if (options.StateDirectory is not null)
        {
            _state = new TenantStateStore(options.StateDirectory);
            _persister = new StatePersister(_state, logger);
            _activator.Activated += _persister.Save;
        }
        _lastSuccessTimestamp = Stopwatch.GetTimestamp();
        metrics.Registry.AddBeforeCollectCallback(() => metrics.SyncLag.Set(Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSuccessTimestamp)).TotalSeconds));
    }

    /// <summary>ETag of the index this node last applied.</summary>
    public string? IndexRevision => _etag;

    /// <summary>Number of completed index syncs (tests wait on it).</summary>
    public int SyncCount { get; private set; }

    public void Start()
    {
        RestoreFromState();
        _loop = Task.Run(RunAsync);
    }

    private void RestoreFromState()
    {
        if (_state is null)
        {
            return;
        }
        var restored = _state.LoadAll((file, e) => _logger.Log(LogLevel.Warning, EventIds.StateRestored, "state record {File} unreadable: {Error}", file, e.Message));
        foreach (var artifact in restored)
        {
            _activator.Activate(artifact);
        }
        if (restored.Count > 0)
        {
            _logger.Log(LogLevel.Information, EventIds.StateRestored, "serving {Count} tenants restored from {Dir} until the control plane answers", restored.Count, _options.StateDirectory);
            _readiness.MarkInitialLoadDone();
        }
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var changed = await SyncOnceAsync(ct);
                failures = 0;
                var elapsed = Stopwatch.GetElapsedTime(started);
                // A server that ignores Prefer: wait answers "not modified" at once: fall back to plain polling.
                if (!changed && elapsed < TimeSpan.FromSeconds(1))
                {
                    await Task.Delay(_options.PollInterval, _time, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                _metrics.RecordError("sync");
                _logger.Log(LogLevel.Warning, EventIds.SyncFailed, "control plane sync failed ({Failures} in a row): {Error}", failures, e.Message);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7))));
                try
                {
                    await Task.Delay(backoff, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One long-poll round: returns true when a new index was applied.</summary>
    public async Task<bool> SyncOnceAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _indexUri);
        if (_etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", Quote(_etag));
        }
        request.Headers.TryAddWithoutValidation("Prefer", $"wait={(int)_options.LongPollWait.TotalSeconds}");
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            MarkSynced();
            return false;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {_indexUri} answered {(int)response.StatusCode}");
        }
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var index = NodeIndex.Parse(body);
        var etag = response.Headers.ETag?.Tag is { } tag ? Unquote(tag) : index.Revision;
        _logger.Log(LogLevel.Information, EventIds.SyncIndexChanged, "node index {Revision}: {Count} tenants", etag, index.Tenants.Count);
        await ApplyAsync(index, ct);
        _etag = etag;
        MarkSynced();
        _readiness.MarkInitialLoadDone();
        SyncCount++;
        await ReportStatusAsync(ct);
        return true;
    }

    private async Task<List<ActivationOutcome>> ApplyAsync(NodeIndex index, CancellationToken ct)
    {
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in index.Tenants)
        {
            assigned.Add(entry.TenantId);
            _registry.Expect(entry.TenantId, entry.Revision);
        }
        var prefetched = await PrefetchAsync(index, ct);
        var outcomes = new List<ActivationOutcome>();
        var gate = new object();
        await Parallel.ForEachAsync(index.Tenants, new ParallelOptions { MaxDegreeOfParallelism = _options.ActivationParallelism, CancellationToken = ct }, async (entry, token) =>
        {
            var outcome = await ApplyEntryAsync(entry, prefetched, token);
            lock (gate)
            {
                outcomes.Add(outcome);
            }
        });
        foreach (var tenant in _registry.TenantIds())
        {
            if (!assigned.Contains(tenant))
            {
                _activator.Remove(tenant);
                _persister?.Forget(tenant);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Fetches, in one request, every artifact the index needs that this node holds neither in memory nor in its
    /// state directory (POST /v1/nodes/{id}/artifacts). A control plane without that endpoint (404/405), or any
    /// failure, leaves the map empty and each activation fetches its own artifact as before.
    /// </summary>
    private async Task<Dictionary<string, byte[]>> PrefetchAsync(NodeIndex index, CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in index.Tenants)
        {
            if (_registry.Peek(entry.TenantId)?.Artifact.BundleSha256 != entry.Sha256 && _state?.HasArtifact(entry.Sha256) != true)
            {
                wanted.Add(entry.Sha256);
            }
        }
        if (wanted.Count < 2 || _packUnsupported)
        {
            return new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }
        try
        {
            var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var chunk in wanted.Chunk(MaxPackArtifacts))
            {
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteStartArray("sha256");
                    foreach (var sha in chunk) json.WriteStringValue(sha);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                using var request = new HttpRequestMessage(HttpMethod.Post, _artifactsUri) { Content = new ByteArrayContent(buffer.ToArray()) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                {
                    _packUnsupported = true; // an older control plane: one GET per artifact from now on
                    return found;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"POST {_artifactsUri} answered {(int)response.StatusCode}");
                }
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                var pack = await ArtifactPackReader.ReadAsync(body, chunk.ToHashSet(StringComparer.Ordinal), MaxArtifactBytes, ct);
                foreach (var pair in pack)
                {
                    found[pair.Key] = pair.Value;
                }
            }
            return found;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            _metrics.RecordError("fetch");
            _logger.Log(LogLevel.Warning, EventIds.SyncFailed, "artifact pack fetch failed, fetching one by one: {Error}", e.Message);
            return new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }
    }

    private async Task<ActivationOutcome> ApplyEntryAsync(NodeIndexEntry entry, Dictionary<string, byte[]> prefetched, CancellationToken ct)
    {
        var current = _registry.Peek(entry.TenantId);
        if (current is not null && current.RevisionId == entry.Revision && current.Artifact.BundleSha256 == entry.Sha256)
        {
            return new ActivationOutcome(entry.TenantId, entry.Revision, false, true, null);
        }
        byte[]? bundle = (current?.Artifact.BundleSha256 == entry.Sha256 ? current.Artifact.Bundle : null)
            ?? prefetched.GetValueOrDefault(entry.Sha256)
            ?? _state?.TryReadArtifact(entry.Sha256);
        if (bundle is null)
        {
            try
            {
                bundle = await FetchAsync(entry, ct);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                _metrics.RecordError("fetch");
                var error = $"fetch of {entry.Url} failed: {e.Message}";
                _registry.ReportFailure(entry.TenantId, entry.Revision, error);
                return new ActivationOutcome(entry.TenantId, entry.Revision, false, false, error);
            }
        }
        var artifact = new TenantArtifact
        {
            TenantId = entry.TenantId,
            Revision = entry.Revision,
            Bundle = bundle,
            BundleSha256 = entry.Sha256,
            Entrypoint = entry.Entrypoint,
            FailOpen = entry.FailOpen,
            Smoke = entry.Smoke,
        };
        return _activator.Activate(artifact);
    }

    private async Task<byte[]> FetchAsync(NodeIndexEntry entry, CancellationToken ct)
    {
        var uri = new Uri(_options.ControlPlane!, entry.Url);
        using var response = await _http.GetAsync(uri, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {uri} answered {(int)response.StatusCode}");
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var sha = TenantArtifact.HashOf(bytes);
        if (sha != entry.Sha256)
        {
            throw new InvalidDataException($"sha256 mismatch: index says {entry.Sha256}, artifact hashes to {sha}");
        }
        return bytes;
    }

    private async Task ReportStatusAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("index_revision", _etag);
            json.WriteStartArray("tenants");
            foreach (var status in _registry.Statuses())
            {
                json.WriteStartObject();
                json.WriteString("tenant_id", status.TenantId);
                json.WriteString("revision", status.State == TenantState.Failed ? status.ExpectedRevision : status.ActiveRevision);
                json.WriteString("active_revision", status.ActiveRevision);
                json.WriteString("state", status.State == TenantState.Active ? "active" : status.State == TenantState.Failed ? "failed" : "pending");
                if (status.Error is not null)
                {
                    json.WriteString("error", status.Error);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        try
        {
            using var content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(_statusUri, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                _logger.Log(LogLevel.Warning, EventIds.StatusReportFailed, "POST {Uri} answered {Status}", _statusUri, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException e)
        {
            _logger.Log(LogLevel.Warning, EventIds.StatusReportFailed, "POST {Uri} failed: {Error}", _statusUri, e.Message);
        }
    }

    private void MarkSynced()
    {
        Interlocked.Exchange(ref _lastSuccessTimestamp, Stopwatch.GetTimestamp());
        _metrics.SyncLag.Set(0);
        _metrics.SyncLastSuccess.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
    }

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : "\"" + etag + "\"";

    private static string Unquote(string etag) => etag.Trim('"');

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (_persister is not null)
        {
            _activator.Activated -= _persister.Save;
            await _persister.DisposeAsync(); // flushes what the last activations recorded
        }
        _state?.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
