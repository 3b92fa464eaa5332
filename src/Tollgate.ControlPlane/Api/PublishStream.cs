using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Tollgate.ControlPlane.Api;

/// <summary>
/// A publish answered as NDJSON, for clients that send <c>Accept: application/x-ndjson</c> (the CLI's progress
/// bar): <c>{"progress":{"built":n,"total":m}}</c> lines while tenants build, then
/// <c>{"progress":{"stored":n,"total":m}}</c> lines while their artifacts are written (each at most one per
/// percent), then one last line holding the same object the plain answer has — or <c>{"error":…}</c> if the publish failed after
/// the stream began. The response only starts at the first progress report, so anything refused before the
/// builds start (unknown tenant, bad body) keeps its ordinary status code and JSON error.
/// </summary>
internal sealed class PublishStream(HttpResponse response, CancellationToken aborted)
{
    public const string MediaType = "application/x-ndjson";

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _lastBuiltPercent = -1;
    private int _lastStoredPercent = -1;
    private Task? _pump;

    public static bool Wanted(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains(MediaType, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>True once the response has begun: the answer must then go down the stream.</summary>
    public bool Started
    {
        get
        {
            lock (_gate) return _pump is not null;
        }
    }

    /// <summary>The Publisher's build progress callback; called from build threads, so it only queues.</summary>
    public void Report(int built, int total) => Queue("built", built, total, ref _lastBuiltPercent);

    /// <summary>The Publisher's artifact progress callback.</summary>
    public void ReportStored(int stored, int total) => Queue("stored", stored, total, ref _lastStoredPercent);

    private void Queue(string counter, int done, int total, ref int lastPercent)
    {
        if (total <= 0) return;
        var percent = (int)(100L * done / total);
        lock (_gate)
        {
            // Builds finish out of order across threads; only forward progress is worth a line.
            if (percent <= lastPercent) return;
            lastPercent = percent;
            _lines.Writer.TryWrite($"{{\"progress\":{{\"{counter}\":{done},\"total\":{total}}}}}");
            _pump ??= Task.Run(PumpAsync);
        }
    }

    public Task FinishAsync(JsonObject answer) => EndAsync(answer);

    public Task FailAsync(string message) => EndAsync(new JsonObject { ["error"] = message });

    private async Task EndAsync(JsonObject last)
    {
        _lines.Writer.TryComplete();
        if (_pump is not null) await _pump;
        await WriteLineAsync(last.ToJsonString());
    }

    private async Task PumpAsync()
    {
        response.StatusCode = 200;
        response.ContentType = MediaType;
        // Proxies and Kestrel must not hold the lines back.
        response.Headers.CacheControl = "no-cache";
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            await WriteLineAsync(line);
        }
    }

    private async Task WriteLineAsync(string line)
    {
        try
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), aborted);
            await response.Body.FlushAsync(aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away; the publish itself still completes (or was cancelled by RequestAborted).
        }
    }
}
