using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.Telemetry;

namespace Tollgate.Edge.DecisionLogs;

/// <summary>
/// Batches decisions off the request path: requests only enqueue (bounded, dropping when full so logging can
/// never slow or block decisions); a background loop masks inputs and appends JSON lines to a file and/or
/// POSTs a JSON array to an HTTP endpoint (OPA's decision log event shape, reduced).
/// </summary>
public sealed class DecisionLogSink : IAsyncDisposable
{
    private const int BatchSize = 512;
    private readonly Channel<DecisionLogEntry> _queue = Channel.CreateBounded<DecisionLogEntry>(
        new BoundedChannelOptions(65536) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly string? _path;
    private readonly Uri? _url;
    private readonly HttpClient? _http;
    private readonly InputMask _mask;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _dropped;

    public DecisionLogSink(string? path, Uri? url, InputMask mask, ILogger logger, HttpClient? http = null)
    {
        _path = path;
        _url = url;
        _mask = mask;
        _logger = logger;
        _http = url is null ? null : http ?? new HttpClient();
        _loop = Task.Run(RunAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(DecisionLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<DecisionLogEntry>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Let a batch fill a little: fewer, larger writes.
            await Task.Delay(50);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception e)
            {
                _logger.Log(LogLevel.Warning, EventIds.DecisionLogFailed, e, "decision log batch of {Count} lost", batch.Count);
            }
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<DecisionLogEntry> batch)
    {
        var events = new JsonArray();
        foreach (var entry in batch)
        {
            JsonNode? input;
            try
            {
                input = _mask.Apply(JsonNode.Parse(entry.InputJson));
            }
            catch (JsonException)
            {
                input = null;
            }
            var e = new JsonObject
            {
                ["decision_id"] = entry.DecisionId,
                ["timestamp"] = entry.Timestamp.ToString("O"),
                ["api"] = entry.Api,
                ["tenant_id"] = entry.TenantId,
                ["revision"] = entry.Revision,
                ["path"] = entry.Entrypoint,
                ["input"] = input,
                ["result"] = new JsonObject { ["allowed"] = entry.Allowed, ["http_status"] = entry.HttpStatus },
                ["reason"] = entry.Reason,
                ["metrics"] = new JsonObject { ["timer_eval_ns"] = (long)(entry.DurationSeconds * 1e9) },
            };
            events.Add(e);
        }
        if (_path is not null)
        {
            var lines = new StringBuilder();
            foreach (var e in events)
            {
                lines.Append(e!.ToJsonString()).Append('\n');
            }
            await File.AppendAllTextAsync(_path, lines.ToString());
        }
        if (_url is not null && _http is not null)
        {
            using var content = new StringContent(events.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(_url, content);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Flushes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_url is not null)
        {
            _http?.Dispose();
        }
    }
}
